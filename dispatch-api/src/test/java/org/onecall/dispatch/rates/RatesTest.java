package org.onecall.dispatch.rates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.DispatchTest;
import org.onecall.testsupport.TestTokens;

/**
 * The three rates from what was recorded: needs served through the API (the real broker carrying the
 * matcher's proposals), their history lines moved in time with SQL so that the times are known.
 */
abstract class RatesTest extends DispatchTest {

    String street;
    String community;
    long inGrid1;
    long inGrid2;
    long volunteer;


    @BeforeEach
    void twoGrids() {
        street = "s-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/streets", Map.of("id", street, "name", "清源街道")).expect(201);
        community = "t-" + java.util.UUID.randomUUID().toString().substring(0, 12);
        api.post("/api/communities", Map.of("id", community, "name", "兴华南里", "street", street)).expect(201);
        api.post("/api/communities/" + community + "/grids", Map.of("code", "grid-1", "name", "第一网格")).expect(201);
        api.post("/api/communities/" + community + "/grids", Map.of("code", "grid-2", "name", "第二网格")).expect(201);
        inGrid1 = api.household(community);
        inGrid2 = api.household(community, Map.of("grid", "grid-2", "phone", "13900020002")).expect(201).get("id").asLong();
        volunteer = api.volunteer(community, true, 5);
    }

    @Test
    void ratesPerGridCommunityAndStreetFollowTheirDefinitions() {
        // grid-1: one need served in time and rated 5, one rated 2 (complaint, reopened); grid-2: one never taken
        long good = served(inGrid1, 10, 30);
        api.feedback(good, 5, true).expect(200);
        move(good, "NeedClosed", createdAt(good).plusSeconds(90 * 60));
        long bad = served(inGrid1, 20, 40);
        api.feedback(bad, 2, true).expect(200);
        long waiting = api.raise(inGrid2).get("id").asLong();
        // a cancelled need is not counted at all
        long cancelled = api.raise(inGrid2).get("id").asLong();
        api.cancel(cancelled, "家属已处理").expect(200);

        JsonNode report = api.get("/api/rates?community=" + community).expect(200);
        JsonNode total = report.get("total");
        assertEquals(3, total.get("raised").asInt());
        assertEquals(2, total.get("respondedInTime").asInt());
        assertEquals(66.7, total.get("responseRate").asDouble());
        assertEquals(33.3, total.get("resolutionRate").asDouble(), "only the closed need is resolved");
        assertEquals(50.0, total.get("satisfactionRate").asDouble(), "one of two answers is satisfied");
        assertEquals(1, total.get("complaints").asInt());
        assertEquals(10, total.at("/toAccept/median").asLong());
        assertEquals(20, total.at("/toAccept/p90").asLong());
        assertEquals(30, total.at("/toArrive/median").asLong());
        assertEquals(90, total.at("/toClose/median").asLong(), "only the closed need has a time to close");

        JsonNode grids = report.get("grids");
        assertEquals(2, grids.size());
        assertEquals("兴华南里 · 第一网格", grids.get(0).get("name").asText());
        assertEquals(1, grids.get(0).get("rank").asInt());
        assertEquals(100.0, grids.get(0).get("responseRate").asDouble());
        assertEquals("grid-2", grids.get(1).get("id").asText());
        assertEquals(0.0, grids.get(1).get("responseRate").asDouble());
        assertTrue(grids.get(1).get("satisfactionRate").isNull(), "no answers: no satisfaction rate, not 0");

        assertEquals(community, report.at("/communities/0/id").asText());
        assertEquals(3, report.at("/communities/0/raised").asInt());
        assertEquals(street, report.at("/streets/0/id").asText());
        assertEquals("清源街道", report.at("/streets/0/name").asText());
        assertEquals(30, report.get("days").size(), "the default period is the last 30 days");
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        assertEquals(3, report.get("days").get(29).get("raised").asInt(), today);
        assertTrue(waiting > 0);
    }

    @Test
    void aLateAcceptanceIsNotAResponseInTimeAndAGridLeaderSeesOnlyTheirGrid() {
        long late = served(inGrid1, 10, 30);
        db.update("UPDATE need SET due_at = ? WHERE id = ?", Timestamp.from(createdAt(late).plusSeconds(5 * 60)), late);
        served(inGrid2, 10, 20);

        JsonNode total = api.get("/api/rates?community=" + community).expect(200).get("total");
        assertEquals(2, total.get("raised").asInt());
        assertEquals(1, total.get("respondedInTime").asInt());

        String leader = TestTokens.gridLeader(community, List.of("grid-2"));
        JsonNode own = api.getAs(leader, "/api/rates").expect(200);
        assertEquals(1, own.get("total").get("raised").asInt());
        assertEquals(List.of("grid-2"), own.get("grids").findValuesAsText("id"));
        String stranger = TestTokens.staff("COORDINATOR", List.of("elsewhere"));
        assertEquals(0, api.getAs(stranger, "/api/rates").expect(200).get("total").get("raised").asInt());
        api.getAs(stranger, "/api/rates?community=" + community).expect(403);
    }

    @Test
    void aPeriodIsCheckedAndAnEmptyOneHasNoRates() {
        var reversed = api.get("/api/rates?from=2026-11-30&to=2026-11-01");
        reversed.expect(400);
        assertEquals(List.of("from"), reversed.fields());
        assertEquals(List.of("to"), api.get("/api/rates?to=yesterday").fields());
        JsonNode empty = api.get("/api/rates?community=" + community + "&from=2020-01-01&to=2020-01-31").expect(200);
        assertEquals(0, empty.get("total").get("raised").asInt());
        assertTrue(empty.get("total").get("responseRate").isNull());
        assertEquals(31, empty.get("days").size());
    }

    // ---- steps ----

    /** Raised, accepted, arrived and completed (15 minutes on site), moved to these minutes after raising. */
    private long served(long household, int acceptAfter, int arriveAfter) {
        long need = api.raise(household).get("id").asLong();
        matcher.propose(community, need, 1, volunteer);
        eventually().until(() -> api.need(need).get("status").asText().equals("OFFERED"));
        long offer = api.offers(volunteer, "PENDING").stream().filter(o -> o.get("needId").asLong() == need)
                .findFirst().orElseThrow().get("offerId").asLong();
        api.accept(offer, volunteer).expect(200);
        api.arrive(need, volunteer).expect(200);
        api.complete(need, volunteer).expect(200);
        Instant raised = createdAt(need);
        move(need, "OfferAccepted", raised.plusSeconds(acceptAfter * 60L));
        move(need, "VolunteerArrived", raised.plusSeconds(arriveAfter * 60L));
        move(need, "NeedCompleted", raised.plusSeconds((arriveAfter + 15) * 60L));
        return need;
    }

    private Instant createdAt(long need) {
        return Instant.parse(api.need(need).get("createdAt").asText());
    }

    private void move(long need, String eventType, Instant at) {
        db.update("UPDATE need_history SET occurred_at = ? WHERE need_id = ? AND event_type = ?", Timestamp.from(at),
                need, eventType);
    }
}
