package org.onecall.dispatch.wish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

        Reply claimed = http().post("/api/wishes/" + id + "/claim", Map.of("claimantKind", "UNIT",
                "merchantId", partnerUnit(COMMUNITY, "兴华超市")));
        assertEquals(200, claimed.status(), claimed.toString());
        assertEquals("CLAIMED", claimed.body().path("status").asText());
        assertEquals("兴华超市", claimed.body().path("claimant").asText());
        assertTrue(claimed.body().path("merchantId").asLong() > 0, "a unit's claim links to its record");
        assertEquals("test-admin for 兴华超市", history.findByHouseholdIdOrderById(h).get(1).actor(),
                "who entered the claim, and for whom");

        Reply second = http().post("/api/wishes/" + id + "/claim", Map.of("claimantKind", "UNIT",
                "merchantId", partnerUnit(COMMUNITY, "药店")));
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
        http().post("/api/wishes/" + wish + "/claim", Map.of("claimantKind", "UNIT",
                "merchantId", partnerUnit(c, "兴华超市")));

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
        assertEquals(404, http().post("/api/wishes/999999/claim", Map.of("claimantKind", "UNIT", "merchantId", 1))
                .status());
    }

    @Test
    void an_agreements_projects_are_run_by_its_partner_unit_and_listed_under_it() {
        String c = "wishes-agreements";
        http().household(c, "13600000005");
        long clinic = partnerUnit(c, "兴华社区卫生服务站");
        long agreement = http().post("/api/communities/" + c + "/agreements", Map.of("partnerId", clinic,
                "title", "共建协议：义诊与送药", "signedOn", "2026-03-01", "terms", "每周二义诊；每月送药两次")).id();

        // the partner is the unit that signed: no need to type it again
        Reply clinicDay = http().post("/api/communities/" + c + "/wishes", Map.of("kind", "PROJECT", "title", "义诊",
                "schedule", "每周二上午", "publishedBy", "secretary-liu", "agreementId", agreement));
        assertEquals(201, clinicDay.status(), clinicDay.toString());
        assertEquals("兴华社区卫生服务站", clinicDay.body().path("partner").asText());
        assertEquals(agreement, clinicDay.body().path("agreementId").asLong());
        Reply delivery = http().post("/api/communities/" + c + "/wishes", Map.of("kind", "PROJECT", "title", "送药上门",
                "partner", "兴华社区卫生服务站", "schedule", "每月两次", "publishedBy", "secretary-liu",
                "agreementId", agreement));
        assertEquals(201, delivery.status(), delivery.toString());
        Reply unrelated = http().post("/api/communities/" + c + "/wishes", Map.of("kind", "PROJECT", "title", "清扫小巷",
                "partner", "物业公司", "schedule", "每月一次", "publishedBy", "secretary-liu"));
        assertEquals(201, unrelated.status(), unrelated.toString());
        assertFalse(unrelated.body().hasNonNull("agreementId"), unrelated.toString());

        assertEquals(List.of(clinicDay.id(), delivery.id()), ids(http().get("/api/communities/" + c
                + "/wishes?agreementId=" + agreement).body()));
        http().post("/api/wishes/" + delivery.id() + "/claim", Map.of("claimantKind", "UNIT", "merchantId", clinic));
        assertEquals(List.of(delivery.id()), ids(http().get("/api/communities/" + c + "/wishes?agreementId="
                + agreement + "&status=CLAIMED").body()));
        assertEquals(3, http().get("/api/communities/" + c + "/wishes").body().size());

        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            var published = (WishPublished) EventJson.read(needs.await(TopicProbe.event(WishPublished.class,
                    "wish-" + clinicDay.id()).and(v -> v.contains("\"communityId\":\"" + c + "\"")))).typedPayload();
            assertEquals(agreement, published.agreementId());
            assertEquals("兴华社区卫生服务站", published.partner());
        }
    }

    @Test
    void a_project_names_an_agreement_of_its_own_community_and_its_own_partner() {
        String c = "wishes-agreements-refused";
        long h = http().household(c, "13600000006");
        long clinic = partnerUnit(c, "清源门诊部");
        long agreement = http().post("/api/communities/" + c + "/agreements", Map.of("partnerId", clinic,
                "title", "共建协议", "signedOn", "2026-03-01", "terms", "每周义诊")).id();
        String elsewhere = "wishes-agreements-other";
        http().household(elsewhere, "13600000007");

        Reply otherCommunity = http().post("/api/communities/" + elsewhere + "/wishes", project(agreement));
        assertEquals(400, otherCommunity.status(), otherCommunity.toString());
        assertEquals("agreementId", otherCommunity.field());
        Map<String, Object> otherPartner = project(agreement);
        otherPartner.put("partner", "物业公司");
        Reply wrongPartner = http().post("/api/communities/" + c + "/wishes", otherPartner);
        assertEquals(400, wrongPartner.status(), wrongPartner.toString());
        assertEquals("partner", wrongPartner.field());
        assertTrue(wrongPartner.body().toString().contains("清源门诊部"), wrongPartner.toString());
        Reply unknown = http().post("/api/communities/" + c + "/wishes", project(999_999));
        assertEquals(404, unknown.status(), unknown.toString());
        Map<String, Object> wishWithAgreement = wish(h);
        wishWithAgreement.put("agreementId", agreement);
        assertEquals("agreementId", http().post("/api/communities/" + c + "/wishes", wishWithAgreement).field());

        // nothing of the refused requests was written
        assertEquals(0, http().get("/api/communities/" + c + "/wishes").body().size());
        assertEquals(0, http().get("/api/communities/" + elsewhere + "/wishes").body().size());
    }

    private static Map<String, Object> project(long agreement) {
        return new HashMap<>(Map.of("kind", "PROJECT", "title", "义诊", "schedule", "每周二", "publishedBy",
                "secretary-liu", "agreementId", agreement));
    }

    private long partnerUnit(String community, String name) {
        Reply unit = http().post("/api/communities/" + community + "/merchants", Map.of("name", name,
                "kind", "PARTNER_UNIT", "offerings", List.of(Map.of("category", "MEDICINE", "description", "义诊")),
                "lat", 39.728, "lon", 116.341, "dailyCapacity", 10, "fulfilment", "DELIVERY"));
        assertEquals(201, unit.status(), unit.toString());
        return unit.body().path("merchant").path("id").asLong();
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> ids = new java.util.ArrayList<>();
        list.forEach(w -> ids.add(w.path("id").asLong()));
        return ids;
    }
}
