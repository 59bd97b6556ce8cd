package org.onecall.dispatch.wish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.dispatch.DispatchTestHttp;
import org.onecall.dispatch.DispatchTestHttp.Reply;
import org.onecall.events.EventJson;
import org.onecall.events.Topics;
import org.onecall.events.WishEvents.WishClaimed;
import org.onecall.events.WishEvents.WishFulfilled;
import org.onecall.events.WishEvents.WishPublished;
import org.onecall.testsupport.KafkaBrokerExtension;
import org.onecall.testsupport.TopicProbe;

/** Micro-wishes and projects: publish, claim once, fulfil; events and the household's history. */
@ExtendWith(KafkaBrokerExtension.class)
@MicronautTest(environments = "dispatch", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WishesTest implements TestPropertyProvider {

    static final String COMMUNITY = "wishes-test";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    WishRepository wishes;

    @Inject
    WishHistoryRepository history;

    @Override
    public Map<String, String> getProperties() {
        return DispatchTestHttp.h2AndKafka();
    }

    DispatchTestHttp http() {
        return new DispatchTestHttp(client);
    }

    static Map<String, Object> wish(long household) {
        return new HashMap<>(Map.of("kind", "WISH", "householdId", household, "title", "一件新棉衣",
                "description", "175码", "publishedBy", "secretary-liu"));
    }

    @Test
    void a_wish_is_claimed_once_fulfilled_and_shows_in_the_household_history() {
        long h = http().household(COMMUNITY, "13600000001");
        Reply published = http().post("/api/communities/" + COMMUNITY + "/wishes", wish(h));
        assertEquals(201, published.status(), published.toString());
        long id = published.id();
        assertEquals("OPEN", published.body().path("status").asText());

        Reply claimed = http().post("/api/wishes/" + id + "/claim", Map.of("claimantKind", "UNIT", "claimant", "兴华超市"));
        assertEquals(200, claimed.status(), claimed.toString());
        assertEquals("CLAIMED", claimed.body().path("status").asText());
        assertEquals("兴华超市", claimed.body().path("claimant").asText());

        Reply second = http().post("/api/wishes/" + id + "/claim", Map.of("claimantKind", "UNIT", "claimant", "药店"));
        assertEquals(409, second.status());
        assertTrue(second.body().toString().contains("兴华超市"), second.toString());

        Reply done = http().post("/api/wishes/" + id + "/fulfilment", Map.of("fulfilledBy", "兴华超市 王经理",
                "note", "棉衣已送到"));
        assertEquals(200, done.status(), done.toString());
        assertEquals("FULFILLED", done.body().path("status").asText());
        assertEquals("棉衣已送到", done.body().path("fulfilmentNote").asText());
        assertTrue(done.body().hasNonNull("fulfilledAt"));
        assertEquals(409, http().post("/api/wishes/" + id + "/fulfilment", Map.of("fulfilledBy", "x")).status());

        // what the household's case diary will read
        assertEquals(List.of(id), wishes.findByHouseholdId(h).stream().map(Wish::id).toList());
        assertEquals(List.of("WishPublished", "WishClaimed", "WishFulfilled"),
                history.findByHouseholdIdOrderById(h).stream().map(WishHistoryEntry::eventType).toList());

        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            String aggregate = "wish-" + id;
            // wish ids repeat across test classes (each has its own database): match the community too
            java.util.function.Predicate<String> ours = v -> v.contains("\"communityId\":\"" + COMMUNITY + "\"");
            var p = (WishPublished) EventJson.read(needs.await(TopicProbe.event(WishPublished.class, aggregate).and(ours)))
                    .typedPayload();
            assertEquals(h, p.householdId());
            var c = (WishClaimed) EventJson.read(needs.await(TopicProbe.event(WishClaimed.class, aggregate).and(ours)))
                    .typedPayload();
            assertEquals("兴华超市", c.claimant());
            var f = (WishFulfilled) EventJson.read(needs.await(TopicProbe.event(WishFulfilled.class, aggregate).and(ours)))
                    .typedPayload();
            assertEquals("棉衣已送到", f.note());
        }
    }

    @Test
    void a_volunteer_claims_with_their_id() {
        long h = http().household(COMMUNITY, "13600000002");
        long volunteer = http().post("/api/communities/" + COMMUNITY + "/volunteers", Map.of("name", "李建国",
                "phone", "13800010001", "skills", List.of("ERRANDS"), "lat", 39.728, "lon", 116.3405,
                "maxConcurrentJobs", 2, "onDuty", true)).id();
        long id = http().post("/api/communities/" + COMMUNITY + "/wishes", wish(h)).id();
        assertEquals("volunteerId", http().post("/api/wishes/" + id + "/claim", Map.of("claimantKind", "VOLUNTEER"))
                .field());
        Reply claimed = http().post("/api/wishes/" + id + "/claim", Map.of("claimantKind", "VOLUNTEER",
                "volunteerId", volunteer));
        assertEquals(200, claimed.status(), claimed.toString());
        assertEquals("李建国", claimed.body().path("claimant").asText());
        assertEquals(volunteer, claimed.body().path("volunteerId").asLong());
    }

    @Test
    void a_project_with_a_partner_unit_and_the_lists_by_status() {
        String c = "wishes-lists";
        long h = http().household(c, "13600000003");
        Reply project = http().post("/api/communities/" + c + "/wishes", Map.of("kind", "PROJECT",
                "title", "义诊", "partner", "兴华社区卫生服务站", "schedule", "每周二义诊", "publishedBy", "secretary-liu"));
        assertEquals(201, project.status(), project.toString());
        assertEquals("每周二义诊", project.body().path("schedule").asText());
        long wish = http().post("/api/communities/" + c + "/wishes", wish(h)).id();
        http().post("/api/wishes/" + wish + "/claim", Map.of("claimantKind", "UNIT", "claimant", "兴华超市"));

        JsonNode open = http().get("/api/communities/" + c + "/wishes?status=OPEN").body();
        assertEquals(1, open.size());
        assertEquals(project.id(), open.get(0).path("id").asLong());
        assertEquals(wish, http().get("/api/communities/" + c + "/wishes?status=CLAIMED").body().get(0).path("id").asLong());
        assertEquals(0, http().get("/api/communities/" + c + "/wishes?status=FULFILLED").body().size());
        assertEquals(2, http().get("/api/communities/" + c + "/wishes").body().size());
    }

    @Test
    void a_wish_needs_a_household_and_a_project_its_partner_and_schedule() {
        long h = http().household(COMMUNITY, "13600000004");
        Map<String, Object> noHousehold = wish(h);
        noHousehold.remove("householdId");
        assertEquals("householdId", http().post("/api/communities/" + COMMUNITY + "/wishes", noHousehold).field());
        Reply noPartner = http().post("/api/communities/" + COMMUNITY + "/wishes", Map.of("kind", "PROJECT",
                "title", "清扫小巷", "schedule", "每月一次", "publishedBy", "secretary-liu"));
        assertEquals(400, noPartner.status());
        assertEquals("partner", noPartner.field());
        Reply noSchedule = http().post("/api/communities/" + COMMUNITY + "/wishes", Map.of("kind", "PROJECT",
                "title", "清扫小巷", "partner", "物业公司", "publishedBy", "secretary-liu"));
        assertEquals("schedule", noSchedule.field());
        Reply badKind = http().post("/api/communities/" + COMMUNITY + "/wishes", Map.of("kind", "DREAM",
                "title", "x", "publishedBy", "secretary-liu"));
        assertEquals(400, badKind.status());
        assertEquals("kind", badKind.field());
        assertEquals(404, http().post("/api/wishes/999999/claim", Map.of("claimantKind", "UNIT", "claimant", "x"))
                .status());
    }
}
