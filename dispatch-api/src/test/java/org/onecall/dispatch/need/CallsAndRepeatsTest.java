package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import org.onecall.testsupport.TestTokens;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.dispatch.DispatchTestHttp;
import org.onecall.dispatch.DispatchTestHttp.Reply;
import org.onecall.testsupport.KafkaBrokerExtension;

/** One call with several needs, repeat calls attaching to the open need, and Idempotency-Key. */
@ExtendWith(KafkaBrokerExtension.class)
@MicronautTest(environments = "dispatch", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallsAndRepeatsTest implements TestPropertyProvider {

    static final String COMMUNITY = "calls-test";
    static final AtomicInteger PHONES = new AtomicInteger(2000);

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        return DispatchTestHttp.h2AndKafka();
    }

    DispatchTestHttp http() {
        return new DispatchTestHttp(client);
    }

    long household() {
        return http().household(COMMUNITY, "1390000" + PHONES.incrementAndGet());
    }

    static Map<String, Object> meals(long household, String description) {
        return new HashMap<>(Map.of("householdId", household, "category", "MEALS", "urgency", "TODAY",
                "description", description));
    }

    int needsOf(long household) {
        JsonNode all = http().get("/api/communities/" + COMMUNITY + "/needs").body();
        int n = 0;
        for (JsonNode need : all) {
            n += need.path("householdId").asLong() == household ? 1 : 0;
        }
        return n;
    }

    @Test
    void one_call_raises_groceries_and_a_repair_together() {
        long h = household();
        Reply call = http().post("/api/calls", Map.of("householdId", h, "needs", List.of(
                Map.of("category", "ERRANDS", "urgency", "TODAY", "description", "买菜",
                        "items", List.of(Map.of("name", "挂面"), Map.of("name", "鸡蛋", "unit", "盒"))),
                Map.of("category", "REPAIRS", "urgency", "FLEXIBLE", "description", "水管",
                        "details", Map.of("whatIsBroken", "厨房水管")))));
        assertEquals(201, call.status(), call.toString());
        JsonNode needs = call.body().path("needs");
        assertEquals(2, needs.size());
        assertEquals("ERRANDS", needs.get(0).path("category").asText());
        assertEquals(2, needs.get(0).path("items").size());
        assertEquals("REPAIRS", needs.get(1).path("category").asText());
        assertEquals("test-admin", needs.get(1).path("takenBy").asText(), "the signed-in caller owns them");
        assertEquals(2, needsOf(h));
    }

    @Test
    void one_invalid_need_in_a_call_records_none_of_them() {
        long h = household();
        Reply call = http().post("/api/calls", Map.of("householdId", h, "needs", List.of(
                Map.of("category", "MEALS", "urgency", "TODAY", "description", "午饭"),
                Map.of("category", "REPAIRS", "urgency", "TODAY", "description", "坏了"))));
        assertEquals(400, call.status());
        assertEquals("needs[1].details.whatIsBroken", call.field());
        assertEquals(0, needsOf(h), "all or nothing");

        Reply shape = http().post("/api/calls", Map.of("householdId", h, "needs", List.of(
                Map.of("category", "MEALS", "urgency", "TODAY", "description", "午饭"),
                Map.of("category", "MEALS", "urgency", "SOON", "description", "晚饭"))));
        assertEquals(400, shape.status());
        assertEquals("needs[1].urgency", shape.field());
        assertEquals(400, http().post("/api/calls", Map.of("householdId", h,
                "needs", List.of())).status());
        assertEquals(0, needsOf(h));
    }

    @Test
    void a_repeat_call_attaches_to_the_open_need_and_is_noted_in_its_history() {
        long h = household();
        Reply first = http().post("/api/needs", meals(h, "午饭送餐"));
        assertEquals(201, first.status());
        assertNull(first.body().get("attachedTo"));

        Map<String, Object> again = meals(h, "又打来问午饭什么时候到");
        Reply second = http().send(HttpRequest.POST("/api/needs", again)
                .bearerAuth(TestTokens.token("operator-zhao", "OPERATOR", List.of(COMMUNITY), null)));
        assertEquals(200, second.status(), second.toString());
        assertEquals(first.id(), second.body().path("attachedTo").asLong());
        assertEquals(first.id(), second.id());
        assertTrue(second.body().path("message").asText().contains("already open"), second.toString());
        assertEquals(1, needsOf(h));

        JsonNode history = http().get("/api/needs/" + first.id() + "/history").body();
        JsonNode last = history.get(history.size() - 1);
        assertEquals("RepeatCall", last.path("eventType").asText());
        assertEquals("operator-zhao", last.path("actor").asText());
        assertTrue(last.path("detail").asText().contains("又打来问午饭什么时候到"), last.toString());
        assertEquals("test-admin", http().get("/api/needs/" + first.id()).body().path("takenBy").asText(),
                "the first operator keeps it");

        // another category is another need
        assertEquals(201, http().post("/api/needs", new HashMap<>(Map.of("householdId", h, "category", "HOME_CARE",
                "urgency", "TODAY", "description", "打扫"))).status());
    }

    @Test
    void after_cancellation_or_when_marked_separate_a_new_need_is_created() {
        long h = household();
        long lunch = http().post("/api/needs", meals(h, "午饭")).id();
        Map<String, Object> dinner = meals(h, "晚饭");
        dinner.put("separate", true);
        Reply separate = http().post("/api/needs", dinner);
        assertEquals(201, separate.status());
        assertTrue(separate.id() != lunch);

        http().post("/api/needs/" + lunch + "/cancellation", Map.of("reason", "不要了"));
        http().post("/api/needs/" + separate.id() + "/cancellation", Map.of("reason", "不要了"));
        Reply fresh = http().post("/api/needs", meals(h, "明天午饭"));
        assertEquals(201, fresh.status());
        assertFalse(Set.of(lunch, separate.id()).contains(fresh.id()));
    }

    @Test
    void a_double_submitted_post_with_an_idempotency_key_creates_one_need() {
        long h = household();
        String key = UUID.randomUUID().toString();
        Reply first = http().send(HttpRequest.POST("/api/needs", meals(h, "午饭")).header("Idempotency-Key", key));
        assertEquals(201, first.status());
        assertNull(first.headers().get("Idempotent-Replay"));
        Reply replay = http().send(HttpRequest.POST("/api/needs", meals(h, "午饭")).header("Idempotency-Key", key));
        assertEquals(200, replay.status());
        assertEquals("true", replay.headers().get("Idempotent-Replay"));
        assertEquals(first.id(), replay.id());
        assertNull(replay.body().get("attachedTo"), "a replay is not a repeat call");
        assertEquals(1, needsOf(h));
        // no RepeatCall line either: the replay did nothing
        JsonNode history = http().get("/api/needs/" + first.id() + "/history").body();
        history.forEach(e -> assertFalse(e.path("eventType").asText().equals("RepeatCall")));

        Reply other = http().send(HttpRequest.POST("/api/needs", meals(h, "晚饭")).header("Idempotency-Key", key));
        assertEquals(422, other.status());
        assertEquals("Idempotency-Key", other.field());
        assertTrue(other.headers().getContentType().orElse("").contains("problem+json"));
    }

    @Test
    void simultaneous_posts_with_one_key_create_one_need() {
        long h = household();
        String key = UUID.randomUUID().toString();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Reply>> posts = IntStream.range(0, 4).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return http().send(HttpRequest.POST("/api/needs", meals(h, "午饭")).header("Idempotency-Key", key));
        })).toList();
        go.countDown();
        List<Reply> replies = posts.stream().map(CompletableFuture::join).toList();
        assertEquals(Set.of(replies.get(0).id()), replies.stream().map(Reply::id).collect(Collectors.toSet()),
                replies.toString());
        assertEquals(1, replies.stream().filter(r -> r.status() == 201).count(), replies.toString());
        assertEquals(1, needsOf(h));
    }

    @Test
    void a_call_can_be_replayed_too() {
        long h = household();
        Map<String, Object> body = Map.of("householdId", h, "needs", List.of(
                Map.of("category", "MEALS", "urgency", "TODAY", "description", "午饭"),
                Map.of("category", "HOME_CARE", "urgency", "TODAY", "description", "打扫")));
        Reply first = http().send(HttpRequest.POST("/api/calls", body).header("Idempotency-Key", "call-" + h));
        Reply again = http().send(HttpRequest.POST("/api/calls", body).header("Idempotency-Key", "call-" + h));
        assertEquals(201, first.status());
        assertEquals(200, again.status());
        assertEquals("true", again.headers().get("Idempotent-Replay"));
        assertEquals(first.body().path("needs").findValues("id"), again.body().path("needs").findValues("id"));
        assertEquals(2, needsOf(h));
        Reply bad = http().send(HttpRequest.POST("/api/needs", meals(h, "x")).header("Idempotency-Key", "k".repeat(101)));
        assertEquals(400, bad.status());
    }
}
