package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.dispatch.DispatchTestHttp;
import org.onecall.dispatch.DispatchTestHttp.MovableClock;
import org.onecall.dispatch.DispatchTestHttp.Reply;
import org.onecall.events.EventJson;
import org.onecall.events.NeedEvents.NeedRaised;
import org.onecall.events.NeedItem;
import org.onecall.events.Topics;
import org.onecall.testsupport.KafkaBrokerExtension;
import org.onecall.testsupport.TopicProbe;

/** The operator's form: category rules, windows, needs lists, service targets and due times, owners. */
@ExtendWith(KafkaBrokerExtension.class)
@MicronautTest(environments = "dispatch", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NeedFormsTest implements TestPropertyProvider {

    static final String COMMUNITY = "forms-test";
    static final AtomicInteger PHONES = new AtomicInteger(1000);
    final MovableClock clock = new MovableClock();

    @Inject
    @Client("/")
    HttpClient client;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    public Map<String, String> getProperties() {
        return DispatchTestHttp.h2AndKafka();
    }

    DispatchTestHttp http() {
        return new DispatchTestHttp(client);
    }

    long household() {
        return http().household(COMMUNITY, "1380000" + PHONES.incrementAndGet());
    }

    Map<String, Object> form(long household, String category, Object... more) {
        Map<String, Object> m = new HashMap<>(Map.of("householdId", household, "category", category,
                "urgency", "TODAY", "description", "测试"));
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    Map<String, Object> appointment(Duration fromNow, Duration length) {
        Instant start = clock.instant().plus(fromNow);
        return Map.of("kind", "APPOINTMENT", "start", start.toString(), "end", start.plus(length).toString());
    }

    @Test
    void medicine_needs_its_items_or_a_prescription_note() {
        Reply bare = http().post("/api/needs", form(household(), "MEDICINE"));
        assertEquals(400, bare.status(), bare.toString());
        assertEquals("items", bare.field());
        assertTrue(bare.body().toString().contains("prescriptionNote"), bare.toString());

        Reply withNote = http().post("/api/needs", form(household(), "MEDICINE",
                "details", Map.of("prescriptionNote", "按上次处方")));
        assertEquals(201, withNote.status(), withNote.toString());
        assertEquals("按上次处方", withNote.body().path("details").path("prescriptionNote").asText());

        Reply withItems = http().post("/api/needs", form(household(), "MEDICINE",
                "items", List.of(Map.of("name", "降压药", "quantity", 2))));
        assertEquals(201, withItems.status(), withItems.toString());
    }

    @Test
    void hospital_escort_needs_the_hospital_and_an_appointment() {
        long h = household();
        Reply noHospital = http().post("/api/needs", form(h, "HOSPITAL_ESCORT",
                "window", appointment(Duration.ofDays(1), Duration.ofHours(3))));
        assertEquals(400, noHospital.status());
        assertEquals("details.hospital", noHospital.field());

        Reply asap = http().post("/api/needs", form(h, "HOSPITAL_ESCORT", "details", Map.of("hospital", "大兴区人民医院")));
        assertEquals(400, asap.status());
        assertEquals("window", asap.field());
        assertTrue(asap.body().toString().contains("appointment"), asap.toString());

        var window = appointment(Duration.ofDays(1), Duration.ofHours(3));
        Reply ok = http().post("/api/needs", form(h, "HOSPITAL_ESCORT", "details",
                Map.of("hospital", "大兴区人民医院", "department", "心内科"), "window", window));
        assertEquals(201, ok.status(), ok.toString());
        assertEquals("APPOINTMENT", ok.body().path("window").path("kind").asText());
        assertEquals(Instant.parse((String) window.get("end")), Instant.parse(ok.body().path("dueAt").asText()),
                "an appointment is due at its end");
    }

    @Test
    void repairs_need_what_is_broken_and_companionship_an_appointment() {
        Reply repair = http().post("/api/needs", form(household(), "REPAIRS"));
        assertEquals(400, repair.status());
        assertEquals("details.whatIsBroken", repair.field());
        assertEquals(201, http().post("/api/needs", form(household(), "REPAIRS",
                "details", Map.of("whatIsBroken", "厨房水管漏水"))).status());

        Reply visit = http().post("/api/needs", form(household(), "COMPANIONSHIP"));
        assertEquals(400, visit.status());
        assertEquals("window", visit.field());
    }

    @Test
    void an_appointment_starts_in_the_future_and_before_it_ends() {
        long h = household();
        Reply backwards = http().post("/api/needs", form(h, "MEALS", "window", Map.of("kind", "APPOINTMENT",
                "start", clock.instant().plus(Duration.ofHours(5)).toString(),
                "end", clock.instant().plus(Duration.ofHours(4)).toString())));
        assertEquals(400, backwards.status());
        assertEquals("window.end", backwards.field());

        Reply past = http().post("/api/needs", form(h, "MEALS", "window", appointment(Duration.ofHours(-2),
                Duration.ofHours(1))));
        assertEquals(400, past.status());
        assertEquals("window.start", past.field());
        assertTrue(past.body().toString().contains("future"), past.toString());

        Reply noEnd = http().post("/api/needs", form(h, "MEALS", "window", Map.of("kind", "APPOINTMENT",
                "start", clock.instant().plus(Duration.ofHours(5)).toString())));
        assertEquals(400, noEnd.status());
        assertEquals("window.end", noEnd.field());

        Reply asapWithStart = http().post("/api/needs", form(h, "MEALS", "window", Map.of("kind", "ASAP",
                "start", clock.instant().plus(Duration.ofHours(5)).toString())));
        assertEquals(400, asapWithStart.status());
        assertEquals("window.start", asapWithStart.field());

        Reply unknownKind = http().post("/api/needs", form(h, "MEALS", "window", Map.of("kind", "SOMETIME")));
        assertEquals(400, unknownKind.status());
        assertEquals("window.kind", unknownKind.field());
    }

    @Test
    void the_needs_list_is_stored_returned_and_published_with_the_need() {
        long h = household();
        Reply raised = http().post("/api/needs", form(h, "ERRANDS", "description", "降压药 ×2，挂面，鸡蛋一盒",
                "items", List.of(Map.of("name", "降压药", "quantity", 2, "unit", "盒", "notes", "硝苯地平"),
                        Map.of("name", "挂面"), Map.of("name", "鸡蛋", "unit", "盒"))));
        assertEquals(201, raised.status(), raised.toString());
        long id = raised.id();
        JsonNode items = http().get("/api/needs/" + id).body().path("items");
        assertEquals(3, items.size());
        assertEquals("降压药", items.get(0).path("name").asText());
        assertEquals(2, items.get(0).path("quantity").asInt());
        assertEquals("硝苯地平", items.get(0).path("notes").asText());
        assertEquals("挂面", items.get(1).path("name").asText());
        assertEquals(1, items.get(1).path("quantity").asInt(), "no quantity means one");
        assertTrue(http().get("/api/needs/" + id).body().path("buysGoods").asBoolean(), "items mean goods to buy");

        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            // need ids repeat across test classes (each has its own database): match the community too
            String json = needs.await(TopicProbe.event(NeedRaised.class, "need-" + id)
                    .and(v -> v.contains("\"communityId\":\"" + COMMUNITY + "\"")));
            NeedRaised event = (NeedRaised) EventJson.read(json).typedPayload();
            assertEquals(List.of(new NeedItem("降压药", 2, "盒", "硝苯地平"), new NeedItem("挂面", 1, null, null),
                    new NeedItem("鸡蛋", 1, "盒", null)), event.items());
            assertTrue(event.buysGoods());
            assertEquals(Instant.parse(raised.body().path("dueAt").asText()), event.dueAt());
        }
    }

    @Test
    void a_bad_item_is_named_by_its_position() {
        Reply r = http().post("/api/needs", form(household(), "ERRANDS",
                "items", List.of(Map.of("name", "挂面"), Map.of("name", " ", "quantity", 1))));
        assertEquals(400, r.status());
        assertEquals("items[1].name", r.field());
        Reply zero = http().post("/api/needs", form(household(), "ERRANDS",
                "items", List.of(Map.of("name", "挂面", "quantity", 0))));
        assertEquals(400, zero.status());
        assertEquals("items[0].quantity", zero.field());
        Reply control = http().post("/api/needs", form(household(), "ERRANDS",
                "items", List.of(Map.of("name", "挂\u0007面"))));
        assertEquals(400, control.status());
        assertEquals("items[0].name", control.field());
    }

    @Test
    void due_time_follows_the_category_target_and_urgency() {
        Instant now = clock.instant();
        Reply medicine = http().post("/api/needs", form(household(), "MEDICINE", "items", List.of(Map.of("name", "药"))));
        assertEquals(now.plus(Duration.ofHours(2)), Instant.parse(medicine.body().path("dueAt").asText()));
        Reply repair = http().post("/api/needs", form(household(), "REPAIRS", "details", Map.of("whatIsBroken", "灯")));
        assertEquals(now.plus(Duration.ofHours(24)), Instant.parse(repair.body().path("dueAt").asText()));
        Reply urgentRepair = http().post("/api/needs", form(household(), "REPAIRS", "urgency", "URGENT",
                "details", Map.of("whatIsBroken", "燃气泄漏")));
        assertEquals(now.plus(Duration.ofHours(1)), Instant.parse(urgentRepair.body().path("dueAt").asText()),
                "URGENT is due within the hour");
    }

    @Test
    void a_community_sets_its_own_targets() {
        String other = "forms-own-targets";
        long h = http().household(other, "13911110000");
        JsonNode defaults = http().get("/api/communities/" + other + "/service-targets").body();
        assertEquals(13, defaults.size());
        JsonNode medicineDefault = find(defaults, "MEDICINE");
        assertEquals(120, medicineDefault.path("withinMinutes").asInt());
        assertEquals("default", medicineDefault.path("origin").asText());
        assertTrue(find(defaults, "COMPANIONSHIP").path("byAppointment").asBoolean());

        Reply set = http().put("/api/communities/" + other + "/service-targets/MEDICINE",
                Map.of("withinMinutes", 45, "byAppointment", false));
        assertEquals(200, set.status(), set.toString());
        assertEquals("community", set.body().path("origin").asText());
        Reply raised = http().post("/api/needs", form(h, "MEDICINE", "items", List.of(Map.of("name", "药"))));
        assertEquals(clock.instant().plus(Duration.ofMinutes(45)), Instant.parse(raised.body().path("dueAt").asText()));
        // the community's setting is its own: the other community keeps the default
        Reply here = http().post("/api/needs", form(household(), "MEDICINE", "items", List.of(Map.of("name", "药"))));
        assertEquals(clock.instant().plus(Duration.ofHours(2)), Instant.parse(here.body().path("dueAt").asText()));

        assertEquals(200, http().put("/api/communities/" + other + "/service-targets/HOME_CARE",
                Map.of("byAppointment", true)).status());
        Reply needsAppointment = http().post("/api/needs", form(h, "HOME_CARE"));
        assertEquals(400, needsAppointment.status());
        assertEquals("window", needsAppointment.field());

        Reply both = http().put("/api/communities/" + other + "/service-targets/MEALS",
                Map.of("withinMinutes", 30, "byAppointment", true));
        assertEquals(400, both.status());
        assertEquals("withinMinutes", both.field());
        assertEquals(404, http().put("/api/communities/nowhere/service-targets/MEALS",
                Map.of("withinMinutes", 30, "byAppointment", false)).status());
    }

    @Test
    void the_coordinator_sees_what_is_late_and_the_operator_what_they_own() {
        String c = "forms-late";
        long h1 = http().household(c, "13922220001");
        long h2 = http().household(c, "13922220002");
        long medicine = as("operator-late", c, form(h1, "MEDICINE", "items", List.of(Map.of("name", "药")))).id();
        long repair = as("operator-late", c, form(h2, "REPAIRS", "details", Map.of("whatIsBroken", "门锁"))).id();
        long cancelled = as("operator-late", c, form(h2, "MEALS")).id();
        assertEquals(200, http().post("/api/needs/" + cancelled + "/cancellation",
                Map.of("reason", "家属已送")).status());
        as("operator-other", c, form(h1, "REPAIRS", "details", Map.of("whatIsBroken", "窗")));

        assertEquals(0, http().get("/api/communities/" + c + "/needs/overdue").body().size());
        assertFalse(http().get("/api/needs/" + medicine).body().path("late").asBoolean());

        clock.advance(Duration.ofHours(3));
        JsonNode overdue = http().get("/api/communities/" + c + "/needs/overdue").body();
        assertEquals(List.of(medicine), ids(overdue), "medicine (2 h) is late, repairs (24 h) not yet");
        assertTrue(http().get("/api/needs/" + medicine).body().path("late").asBoolean());
        assertFalse(http().get("/api/needs/" + repair).body().path("late").asBoolean());

        JsonNode owned = http().get("/api/operators/operator-late/needs").body();
        assertEquals(List.of(medicine, repair), ids(owned), "open needs only, soonest due first");
        assertEquals("operator-late", owned.get(0).path("takenBy").asText());
    }

    /** Raised by that operator's own sign-in: the owner is who is signed in. */
    private DispatchTestHttp.Reply as(String operator, String community, Map<String, Object> form) {
        return http().send(io.micronaut.http.HttpRequest.POST("/api/needs", form)
                .bearerAuth(org.onecall.testsupport.TestTokens.token(operator, "OPERATOR", List.of(community), null)));
    }

    private static JsonNode find(JsonNode targets, String category) {
        for (JsonNode t : targets) {
            if (t.path("category").asText().equals(category)) {
                return t;
            }
        }
        throw new AssertionError(category + " missing in " + targets);
    }

    static List<Long> ids(JsonNode list) {
        List<Long> ids = new java.util.ArrayList<>();
        list.forEach(n -> ids.add(n.path("id").asLong()));
        return ids;
    }
}
