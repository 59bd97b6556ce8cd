package org.onecall.dispatch.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.Databases;
import org.onecall.dispatch.DispatchTest;
import org.onecall.testsupport.TestTokens;

/** Volunteer hours: arrival to completion, confirmed by the rating or a coordinator, stars, the CSV export. */
class HoursTest extends DispatchTest {

    String community;
    long household;
    long volunteer;

    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }

    @Override
    protected Map<String, String> settings() {
        // small levels so a few jobs reach a star
        return Map.of("onecall.hours.star-levels", "1,2,3,4,5");
    }

    @BeforeEach
    void aVolunteer() {
        community = api.community();
        household = api.household(community);
        volunteer = api.volunteer(community, true, 5);
    }

    @Test
    void theRatingConfirmsServiceTimeWithoutTravelAndStarsFollowTheLevels() {
        long need = served(75);
        JsonNode none = api.get("/api/volunteers/" + volunteer + "/hours").expect(200);
        assertEquals(0, none.get("records").size(), "not confirmed yet: nothing credited");

        api.feedback(need, 5, true).expect(200);
        JsonNode hours = api.get("/api/volunteers/" + volunteer + "/hours").expect(200);
        assertEquals(75, hours.get("totalMinutes").asInt(), "arrival to completion, not from acceptance");
        assertEquals(1.3, hours.get("totalHours").asDouble());
        assertEquals(1, hours.get("stars").asInt());
        assertEquals(2, hours.get("nextStarAtHours").asInt());
        assertEquals("李建国", hours.get("name").asText());
        JsonNode record = hours.get("records").get(0);
        assertEquals(need, record.get("needId").asLong());
        assertTrue(record.get("content").asText().startsWith("代购药品："), record::toString);
        assertEquals("兴华南里1号楼", record.get("place").asText());
        assertEquals(5, record.get("rating").asInt());
        assertEquals("test-admin", record.get("confirmedBy").asText());

        // the volunteer reads their own; another volunteer may not
        String self = TestTokens.volunteer(volunteer, community);
        assertEquals(75, api.getAs(self, "/api/volunteers/" + volunteer + "/hours").expect(200)
                .get("totalMinutes").asInt());
        long other = api.volunteer(community);
        api.getAs(TestTokens.volunteer(other, community), "/api/volunteers/" + volunteer + "/hours").expect(403);
    }

    @Test
    void aCoordinatorConfirmsWhenNoRatingCameAndOnlyOnce() {
        long need = served(120);
        api.post("/api/needs/" + need + "/hours-confirmation", Map.of()).expect(200);
        api.post("/api/needs/" + need + "/hours-confirmation", Map.of()).expect(409);
        // the rating that comes later does not credit the same service twice
        api.feedback(need, 4, true).expect(200);
        JsonNode hours = api.get("/api/volunteers/" + volunteer + "/hours").expect(200);
        assertEquals(1, hours.get("records").size());
        assertEquals(2.0, hours.get("totalHours").asDouble());
        long open = api.raise(household).get("id").asLong();
        api.post("/api/needs/" + open + "/hours-confirmation", Map.of()).expect(409);
    }

    @Test
    void theExportIsCsvForTheCityPlatformAndAudited() {
        long need = served(30);
        api.feedback(need, 5, true).expect(200);
        var csv = api.get("/api/communities/" + community + "/volunteer-hours/export");
        csv.expect(200);
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        List<String> lines = csv.raw().lines().toList();
        assertEquals(2, lines.size(), csv.raw());
        assertTrue(lines.get(0).contains("志愿者编号") && lines.get(0).contains("服务时长(小时)"), lines.get(0));
        assertTrue(lines.get(1).contains("\"李建国\"") && lines.get(1).contains(",0.5,5,"), lines.get(1));
        assertTrue(api.get("/api/audit").raw().contains("EXPORT_HOURS"));
        assertEquals(List.of("from"), api.get("/api/communities/" + community
                + "/volunteer-hours/export?from=2026-02-30").fields());
        api.getAs(TestTokens.gridLeader(community, List.of("grid-1")),
                "/api/communities/" + community + "/volunteer-hours/export").expect(403);
    }

    /** Served with {@code minutes} between arrival and completion (and 40 minutes of travel before). */
    private long served(int minutes) {
        long need = api.raise(household).get("id").asLong();
        matcher.propose(community, need, 1, volunteer);
        eventually().until(() -> api.need(need).get("status").asText().equals("OFFERED"));
        long offer = api.offers(volunteer, "PENDING").stream().filter(o -> o.get("needId").asLong() == need)
                .findFirst().orElseThrow().get("offerId").asLong();
        api.accept(offer, volunteer).expect(200);
        api.arrive(need, volunteer).expect(200);
        api.complete(need, volunteer).expect(200);
        Instant completed = Instant.parse(api.history(need).stream()
                .filter(h -> h.get("eventType").asText().equals("NeedCompleted")).findFirst().orElseThrow()
                .get("occurredAt").asText());
        db.update("UPDATE need_history SET occurred_at = ? WHERE need_id = ? AND event_type = 'VolunteerArrived'",
                Timestamp.from(completed.minusSeconds(minutes * 60L)), need);
        db.update("UPDATE need_history SET occurred_at = ? WHERE need_id = ? AND event_type = 'OfferAccepted'",
                Timestamp.from(completed.minusSeconds((minutes + 40) * 60L)), need);
        return need;
    }
}
