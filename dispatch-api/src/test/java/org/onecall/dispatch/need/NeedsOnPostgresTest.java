package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.dispatch.DispatchTestHttp;
import org.onecall.dispatch.DispatchTestHttp.Reply;
import org.onecall.dispatch.wish.Wish;
import org.onecall.dispatch.wish.WishRepository;
import org.onecall.events.EventEnvelope;
import org.onecall.events.IntakeEvents.WorkOrderReceived;
import org.onecall.testsupport.KafkaBrokerExtension;
import org.onecall.testsupport.PostgresExtension;

/** The V3 schema and its repositories on PostgreSQL, the production database. */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
@MicronautTest(environments = "dispatch", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NeedsOnPostgresTest implements TestPropertyProvider {

    static final String COMMUNITY = "pg-needs";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    Intake intake;

    @Inject
    WishRepository wishes;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(PostgresExtension.databaseFor(NeedsOnPostgresTest.class)
                .micronautProperties("default"));
        p.put("kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers());
        p.put("micronaut.server.port", "-1");
        return p;
    }

    DispatchTestHttp http() {
        return new DispatchTestHttp(client);
    }

    @Test
    void needs_lists_details_windows_and_owners_round_trip() {
        long h = http().household(COMMUNITY, "13500000001");
        Instant start = Instant.now().plusSeconds(86_400).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        // the call is taken by operator-pg-calls' own sign-in: they own its needs
        Reply r = http().send(HttpRequest.POST("/api/calls", Map.of("householdId", h, "needs", List.of(
                Map.of("category", "HOSPITAL_ESCORT", "urgency", "FLEXIBLE", "description", "陪诊",
                        "details", Map.of("hospital", "大兴区人民医院", "department", "心内科"),
                        "window", Map.of("kind", "APPOINTMENT", "start", start.toString(),
                                "end", start.plusSeconds(7200).toString())),
                Map.of("category", "ERRANDS", "urgency", "TODAY", "description", "买菜",
                        "items", List.of(Map.of("name", "挂面"), Map.of("name", "鸡蛋", "quantity", 2, "unit", "盒"))))))
                .bearerAuth(org.onecall.testsupport.TestTokens.token("operator-pg-calls", "OPERATOR", List.of(COMMUNITY),
                        null)));
        assertEquals(201, r.status(), r.toString());
        long escort = r.body().path("needs").get(0).path("id").asLong();
        JsonNode read = http().get("/api/needs/" + escort).body();
        assertEquals("心内科", read.path("details").path("department").asText());
        assertEquals(start, Instant.parse(read.path("window").path("start").asText()));
        assertEquals(start.plusSeconds(7200), Instant.parse(read.path("dueAt").asText()));
        JsonNode errands = http().get("/api/needs/" + r.body().path("needs").get(1).path("id").asLong()).body();
        assertEquals(List.of("挂面", "鸡蛋"), errands.path("items").findValuesAsText("name"));

        assertEquals(2, http().get("/api/operators/operator-pg-calls/needs").body().size());
        assertEquals(0, http().get("/api/communities/" + COMMUNITY + "/needs/overdue").body().size());
        assertEquals(200, http().put("/api/communities/" + COMMUNITY + "/service-targets/MEALS",
                Map.of("withinMinutes", 30, "byAppointment", false)).status());
        assertEquals(200, http().put("/api/communities/" + COMMUNITY + "/service-targets/MEALS",
                Map.of("withinMinutes", 40, "byAppointment", false)).status());
        JsonNode meals = null;
        for (JsonNode t : http().get("/api/communities/" + COMMUNITY + "/service-targets").body()) {
            meals = t.path("category").asText().equals("MEALS") ? t : meals;
        }
        assertEquals(40, meals.path("withinMinutes").asInt(), "the second PUT changed the community's target");
    }

    @Test
    void simultaneous_calls_about_one_household_make_one_need_and_repeat_calls() {
        long h = http().household(COMMUNITY, "13500000002");
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Reply>> calls = IntStream.range(0, 4).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return http().post("/api/needs", Map.of("householdId", h, "category", "MEALS", "urgency", "TODAY",
                    "description", "午饭 " + i));
        })).toList();
        go.countDown();
        List<Reply> replies = calls.stream().map(CompletableFuture::join).toList();
        assertEquals(1, replies.stream().filter(r -> r.status() == 201).count(), replies.toString());
        assertEquals(3, replies.stream().filter(r -> r.status() == 200).count(), replies.toString());
        assertEquals(1, replies.stream().map(Reply::id).collect(Collectors.toSet()).size());
    }

    @Test
    void an_idempotency_key_holds_under_simultaneous_posts() {
        long h = http().household(COMMUNITY, "13500000003");
        String key = UUID.randomUUID().toString();
        CountDownLatch go = new CountDownLatch(1);
        Map<String, Object> body = Map.of("householdId", h, "category", "HOME_CARE", "urgency", "TODAY",
                "description", "打扫");
        List<CompletableFuture<Reply>> posts = IntStream.range(0, 4).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return http().send(HttpRequest.POST("/api/needs", body).header("Idempotency-Key", key));
        })).toList();
        go.countDown();
        List<Reply> replies = posts.stream().map(CompletableFuture::join).toList();
        assertEquals(1, replies.stream().filter(r -> r.status() == 201).count(), replies.toString());
        assertEquals(3, replies.stream().filter(r -> "true".equals(r.headers().get("Idempotent-Replay"))).count(),
                replies.toString());
        assertEquals(Set.of(replies.get(0).id()), replies.stream().map(Reply::id).collect(Collectors.toSet()));
    }

    @Test
    void an_intake_message_is_recorded_once() {
        long h = http().household(COMMUNITY, "13500000004");
        String id = "BJ-" + UUID.randomUUID();
        var order = new WorkOrderReceived("12345", id, h, null, "REPAIRS", "TODAY", "灯坏了", null,
                Map.of("whatIsBroken", "客厅灯"), null, null, "agent");
        var first = intake.receive(EventEnvelope.of(order, COMMUNITY, Clock.systemUTC()));
        var again = intake.receive(EventEnvelope.of(order, COMMUNITY, Clock.systemUTC()));
        long needId = assertInstanceOf(Intake.Recorded.class, first).needId();
        assertEquals(needId, assertInstanceOf(Intake.Duplicate.class, again).needId());
        assertEquals(id, http().get("/api/needs/" + needId).body().path("sourceId").asText());
        var invalid = intake.receive(EventEnvelope.of(new WorkOrderReceived("12345", "BJ-" + UUID.randomUUID(), h,
                null, "REPAIRS", "TODAY", "灯坏了", null, null, null, null, "agent"), COMMUNITY, Clock.systemUTC()));
        assertEquals("details.whatIsBroken", assertInstanceOf(Intake.Rejected.class, invalid).field());
    }

    @Test
    void wishes_claim_once_and_are_found_by_household() {
        long h = http().household(COMMUNITY, "13500000005");
        long id = http().post("/api/communities/" + COMMUNITY + "/wishes", Map.of("kind", "WISH", "householdId", h,
                "title", "一台收音机", "publishedBy", "secretary-liu")).id();
        long shop = http().post("/api/communities/" + COMMUNITY + "/merchants", Map.of("name", "电器行", "kind", "PARTNER_UNIT",
                "offerings", List.of(Map.of("category", "ERRANDS", "description", "代购")), "lat", 39.728, "lon", 116.341,
                "dailyCapacity", 10, "fulfilment", "DELIVERY")).body().path("merchant").path("id")
                .asLong();
        long other = http().post("/api/communities/" + COMMUNITY + "/merchants", Map.of("name", "别家", "kind", "PARTNER_UNIT",
                "offerings", List.of(Map.of("category", "ERRANDS", "description", "代购")), "lat", 39.728, "lon", 116.341,
                "dailyCapacity", 10, "fulfilment", "DELIVERY")).body().path("merchant").path("id")
                .asLong();
        assertEquals(200, http().post("/api/wishes/" + id + "/claim", Map.of("claimantKind", "UNIT", "merchantId", shop))
                .status());
        assertEquals(409, http().post("/api/wishes/" + id + "/claim", Map.of("claimantKind", "UNIT", "merchantId", other))
                .status());
        assertTrue(wishes.findByHouseholdId(h).stream().map(Wish::id).toList().contains(id));
    }
}
