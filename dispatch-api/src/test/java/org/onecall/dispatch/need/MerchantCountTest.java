package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.DispatchTest;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.MatchEvents.MatchProposed;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.Topics;

/**
 * A merchant's daily capacity is counted down where merchants are assigned: an offer naming it
 * counts one job for today (the community's day), an offer that ends unaccepted gives it back, a
 * full merchant is left out of the offer, and each count goes out in the merchant's state for the
 * matcher. The count of an earlier day is no count today.
 */
abstract class MerchantCountTest extends DispatchTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Test
    void offersCountTheMerchantsJobsForTheDayAndAFullMerchantIsLeftOut() {
        String community = api.community();
        long household = api.household(community);
        long merchant = api.post("/api/communities/" + community + "/merchants", Map.of("name", "兴华大药房",
                "kind", "MERCHANT", "offerings", List.of(Map.of("category", "MEDICINE", "description", "常用药")),
                "lat", 39.7284, "lon", 116.3412, "dailyCapacity", 2, "fulfilment", "DELIVERY")).expect(201)
                .get("merchant").get("id").asLong();
        LocalDate today = LocalDate.now(BEIJING);

        JsonNode first = offerNaming(community, household, merchant);
        assertEquals(merchant, first.get("merchantId").asLong());
        assertEquals("兴华大药房", first.get("merchantName").asText());
        assertToday(merchant, 1, 1);
        JsonNode second = offerNaming(community, household, merchant);
        assertEquals(merchant, second.get("merchantId").asLong());
        assertToday(merchant, 2, 0);
        assertCountPublished(community, merchant, 2, today);

        // full for today: the volunteer still goes, buying elsewhere
        JsonNode third = offerNaming(community, household, merchant);
        assertTrue(third.path("merchantId").isMissingNode() || third.get("merchantId").isNull(), third.toString());
        assertTrue(api.history(third.get("needId").asLong()).stream().anyMatch(h -> h.get("detail").asText()
                .contains("not at merchant " + merchant + " (full today or closed)")));
        assertToday(merchant, 2, 0);

        // a declined offer gives its job back
        api.decline(first.get("offerId").asLong(), first.get("volunteer").asLong(), "没空").expect(200);
        assertToday(merchant, 1, 1);
        assertCountPublished(community, merchant, 1, today);

        // a new day: yesterday's count is no count, and the first job of today starts a new one
        db.update("UPDATE merchant SET jobs_counted = 2, counted_on = ? WHERE id = ?", today.minusDays(1), merchant);
        assertToday(merchant, 0, 2);
        JsonNode tomorrow = offerNaming(community, household, merchant);
        assertEquals(merchant, tomorrow.get("merchantId").asLong());
        assertToday(merchant, 1, 1);
        assertCountPublished(community, merchant, 1, today);
    }

    /** Raises a medicine need, proposes it to a new volunteer naming the merchant; returns the offer's view. */
    private JsonNode offerNaming(String community, long household, long merchant) {
        long volunteer = api.volunteer(community);
        JsonNode need = api.raise(household);
        long needId = need.get("id").asLong();
        matcher.send(community, new MatchProposed(needId, need.get("matchAttempt").asInt(), volunteer, merchant, 300,
                "nearest"));
        eventually().until(() -> api.need(needId).get("status").asText().equals("OFFERED"));
        JsonNode offer = api.offers(volunteer, "PENDING").get(0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) offer).put("volunteer", volunteer);
        return offer;
    }

    private void assertToday(long merchant, int jobs, int remaining) {
        JsonNode view = api.get("/api/merchants/" + merchant).expect(200);
        assertEquals(jobs, view.get("jobsToday").asInt(), view.toString());
        assertEquals(remaining, view.get("remainingToday").asInt(), view.toString());
    }

    /** The merchant's latest state in the outbox (what the matcher reads) carries the count. */
    private void assertCountPublished(String community, long merchant, int jobs, LocalDate day) {
        List<Map<String, Object>> rows = db.rows("SELECT payload FROM outbox WHERE topic = ? AND msg_key = ?"
                + " ORDER BY id", Topics.RESOURCES, "merchant-" + merchant);
        EventEnvelope e = EventJson.read((String) rows.get(rows.size() - 1).get("payload"));
        assertEquals(community, e.communityId());
        MerchantStateChanged last = (MerchantStateChanged) e.typedPayload();
        assertEquals(jobs, last.jobsCounted(), last.toString());
        assertEquals(day, last.countedOn());
    }
}
