package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.ResourceListsTestBase;
import org.onecall.events.EventEnvelope;
import org.onecall.events.MatchEvents.MatchProposed;

/**
 * dispatch-api judges a proposal by its own clock: a volunteer on leave, suspended or outside
 * their hours is not offered the need even when the matcher (behind, or wrong) proposes them.
 */
class OfferCalendarCheckTest extends ResourceListsTestBase {

    @Inject
    MatchOutcomes outcomes;

    @Test
    void aProposalNamingSomeoneOnLeaveOrSuspendedStartsAnotherRoundInsteadOfAnOffer() {
        String c = newCommunity();
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        long onLeave = volunteer(c, "13800000001", Map.of("leave", List.of(Map.of("from", today, "to", today))));
        long suspended = volunteer(c, "13800000002", Map.of());
        put("/api/volunteers/" + suspended + "/status", Map.of("status", "SUSPENDED"));
        long free = volunteer(c, "13800000003", Map.of());
        long home = post("/api/communities/" + c + "/households", Map.of("headName", "钱奶奶", "phone", "13900020002",
                "building", "2号楼", "address", "2号楼1单元502", "lat", 39.7275, "lon", 116.3405)).get("id").asLong();
        JsonNode need = post("/api/needs", Map.of("householdId", home, "category", "MEDICINE", "urgency", "TODAY",
                "description", "买降压药", "items", List.of(Map.of("name", "降压药"))));
        long needId = need.get("id").asLong();

        assertEquals(MatchOutcomes.Outcome.REMATCHING, propose(c, needId, 1, onLeave));
        assertEquals(MatchOutcomes.Outcome.REMATCHING, propose(c, needId, 2, suspended));
        assertEquals(MatchOutcomes.Outcome.OFFERED, propose(c, needId, 3, free));
        assertEquals("OFFERED", get("/api/needs/" + needId).get("status").asText());
    }

    private MatchOutcomes.Outcome propose(String community, long needId, int attempt, long volunteerId) {
        return outcomes.apply(EventEnvelope.of(new MatchProposed(needId, attempt, volunteerId, null, 100, "test"),
                community, Clock.systemUTC()));
    }

    private long volunteer(String community, String phone, Map<String, Object> extra) {
        Map<String, Object> v = new HashMap<>(extra);
        v.put("name", "志愿者" + phone);
        v.put("phone", phone);
        v.put("skills", List.of("MEDICINE"));
        v.put("lat", 39.7275);
        v.put("lon", 116.3405);
        v.put("maxConcurrentJobs", 2);
        v.put("onDuty", true);
        return post("/api/communities/" + community + "/volunteers", v).get("id").asLong();
    }
}
