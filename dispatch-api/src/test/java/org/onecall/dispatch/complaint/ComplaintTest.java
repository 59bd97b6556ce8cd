package org.onecall.dispatch.complaint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.DispatchTest;
import org.onecall.dispatch.Events;
import org.onecall.events.EventJson;
import org.onecall.events.LoopEvents.ComplaintOpened;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.Topics;
import org.onecall.testsupport.TestTokens;
import org.onecall.testsupport.TopicProbe;

/**
 * A call-back answer that is a complaint, end to end on the real broker: the complaint record, the
 * coordinators named in {@link ComplaintOpened}, the need reopened through the lifecycle and kept away
 * from the volunteer complained about (in the matcher's exclusion list, and refused by dispatch-api
 * when a matcher proposes them anyway) until someone else takes it.
 */
abstract class ComplaintTest extends DispatchTest {

    String community;
    String suffix;
    long household;
    long first;
    long second;


    @BeforeEach
    void aCommunityWithItsCoordinators() {
        community = api.community();
        suffix = community.substring(2);
        api.post("/api/communities/" + community + "/grids", Map.of("code", "grid-1", "name", "第一网格")).expect(201);
        api.post("/api/communities/" + community + "/grids", Map.of("code", "grid-2", "name", "第二网格")).expect(201);
        account("coord-" + suffix, List.of());
        account("gl1-" + suffix, List.of("grid-1"));
        account("gl2-" + suffix, List.of("grid-2"));
        household = api.household(community);
        first = api.volunteer(community);
        second = api.volunteer(community);
    }

    @Test
    void aLowRatingOpensAComplaintTellsTheCoordinatorsAndReopensTheNeedForSomeoneElse() {
        long need = done(first);
        String operator = TestTokens.token("operator-" + suffix, "OPERATOR", List.of(community), null);
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            JsonNode reopened = api.postAs(operator, "/api/needs/" + need + "/feedback", Map.of("rating", 2,
                    "solved", true, "comment", "药买错了")).expect(200);
            assertEquals("MATCHING", reopened.get("status").asText());
            assertEquals(2, reopened.get("matchAttempt").asInt());

            ComplaintOpened opened = (ComplaintOpened) EventJson.read(needs.await(
                    Events.of(community).and(v -> v.contains("\"ComplaintOpened\"")))).typedPayload();
            assertEquals(need, opened.needId());
            assertEquals(first, opened.volunteerId());
            assertEquals(List.of("coord-" + suffix, "gl1-" + suffix), opened.notifyUsernames(),
                    "the community's coordinator and the household's grid leader, not another grid's");
            assertEquals("operator-" + suffix, opened.recordedBy());
            MatchingStarted round2 = (MatchingStarted) EventJson.read(needs.await(Events.about(community, need,
                    MatchingStarted.class, m -> m.attempt() == 2))).typedPayload();
            assertEquals(List.of(first), round2.excludedVolunteerIds());
        }
        assertEquals("REOPENED", api.history(need).stream().filter(h -> h.get("eventType").asText()
                .equals("NeedReopened")).findFirst().orElseThrow().get("toStatus").asText());

        JsonNode complaints = api.get("/api/communities/" + community + "/complaints").expect(200);
        assertEquals(1, complaints.size());
        JsonNode c = complaints.get(0);
        assertEquals(need, c.get("needId").asLong());
        assertEquals("赵大爷", c.get("complainant").asText());
        assertEquals(first, c.get("volunteerId").asLong());
        assertEquals("李建国", c.get("volunteerName").asText());
        assertEquals("operator-" + suffix, c.get("recordedBy").asText());
        assertTrue(c.get("about").asText().contains("药买错了"), c::toString);
        assertEquals("OPEN", c.get("status").asText());

        // a matcher that ignores the exclusion list proposes the same volunteer: refused, a new round instead
        UUID same = matcher.propose(community, need, 2, first);
        eventually().until(() -> db.count("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", same) == 1);
        assertEquals(3, api.need(need).get("matchAttempt").asInt());
        assertEquals("MATCHING", api.need(need).get("status").asText());
        assertEquals(1, db.count("SELECT COUNT(*) FROM offer WHERE need_id = ? AND volunteer_id = ?", need, first));

        matcher.propose(community, need, 3, second);
        eventually().until(() -> api.need(need).get("status").asText().equals("OFFERED"));
        assertEquals(need, api.offers(second, "PENDING").get(0).get("needId").asLong());
    }

    @Test
    void notSolvedIsAComplaintWhateverTheRatingAndASatisfiedAnswerIsNone() {
        long unsolved = done(first);
        api.feedback(unsolved, 4, false).expect(200);
        long satisfied = done(second);
        assertEquals("CLOSED", api.feedback(satisfied, 3, true).expect(200).get("status").asText());

        JsonNode complaints = api.get("/api/communities/" + community + "/complaints").expect(200);
        assertEquals(1, complaints.size(), complaints::toString);
        assertEquals(unsolved, complaints.get(0).get("needId").asLong());
        assertEquals(false, complaints.get(0).get("solved").asBoolean());
    }

    @Test
    void aGridLeaderListsOnlyTheComplaintsOfTheirGridsAndAPeriodIsChecked() {
        long need = done(first);
        api.feedback(need, 1, false).expect(200);
        String other = TestTokens.gridLeader(community, List.of("grid-2"));
        String own = TestTokens.gridLeader(community, List.of("grid-1"));
        assertEquals(0, api.getAs(other, "/api/communities/" + community + "/complaints").expect(200).size());
        assertEquals(1, api.getAs(own, "/api/communities/" + community + "/complaints").expect(200).size());
        var bad = api.get("/api/communities/" + community + "/complaints?from=2026-13-01");
        bad.expect(400);
        assertEquals(List.of("from"), bad.fields());
    }

    @Test
    void theOfficeResolvesAComplaintOnceAndOnlyInItsOwnScope() {
        long need = done(first);
        api.feedback(need, 1, false).expect(200);
        long id = api.get("/api/communities/" + community + "/complaints").expect(200).get(0).get("id").asLong();
        String path = "/api/complaints/" + id + "/resolution";
        String stranger = TestTokens.staff("COORDINATOR", List.of(api.community()));
        api.postAs(stranger, path, Map.of("resolution", "看过了")).expect(403);
        api.postAs(TestTokens.gridLeader(community, List.of("grid-2")), path, Map.of("resolution", "看过了")).expect(403);
        assertEquals(List.of("resolution"), api.post(path, Map.of("resolution", " ")).fields());

        String coordinator = TestTokens.token("coord-" + suffix, "COORDINATOR", List.of(community), null);
        JsonNode resolved = api.postAs(coordinator, path, Map.of("resolution", "已换志愿者重新买药，老人满意"))
                .expect(200);
        assertEquals("RESOLVED", resolved.get("status").asText());
        assertEquals("coord-" + suffix, resolved.get("resolvedBy").asText());
        assertEquals("已换志愿者重新买药，老人满意", resolved.get("resolution").asText());
        api.postAs(coordinator, path, Map.of("resolution", "again")).expect(409);
        api.post("/api/complaints/999999999/resolution", Map.of("resolution", "x")).expect(404);
        assertEquals(1, db.outbox(community).stream().filter(e -> e.type().equals("ComplaintResolved")).count());
    }

    // ---- steps ----

    private void account(String username, List<String> grids) {
        api.post("/api/accounts", Map.of("username", username, "displayName", "协调员" + username, "role",
                "COORDINATOR", "communities", List.of(community), "grids", grids,
                "password", "onecall-test-2026")).expect(201);
    }

    private long done(long volunteer) {
        long need = api.raise(household).get("id").asLong();
        matcher.propose(community, need, 1, volunteer);
        eventually().until(() -> api.need(need).get("status").asText().equals("OFFERED"));
        long offer = api.offers(volunteer, "PENDING").stream().filter(o -> o.get("needId").asLong() == need)
                .findFirst().orElseThrow().get("offerId").asLong();
        api.accept(offer, volunteer).expect(200);
        api.arrive(need, volunteer).expect(200);
        api.complete(need, volunteer).expect(200);
        return need;
    }
}
