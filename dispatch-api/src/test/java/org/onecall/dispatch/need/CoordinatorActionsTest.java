package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.Api;
import org.onecall.dispatch.Databases;
import org.onecall.dispatch.DispatchTest;
import org.onecall.dispatch.Events;
import org.onecall.events.NeedEvents.DepartmentAnswered;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.NeedEvents.NeedEscalated;
import org.onecall.events.NeedEvents.OfferAccepted;
import org.onecall.events.NeedEvents.OfferMade;
import org.onecall.events.NeedEvents.OfferWithdrawn;
import org.onecall.events.Topics;
import org.onecall.testsupport.TopicProbe;

/**
 * A coordinator's hands on a need nobody took, each through the lifecycle and as the signed-in account
 * (the test admin, test-admin): assign directly or by offer, broadcast to a team (first accept wins, the
 * others are withdrawn and told), re-match without some volunteers, cancel, hand to a department and
 * record its answer; and a volunteer back on duty wakes the community's unmatched needs.
 */
class CoordinatorActionsTest extends DispatchTest {

    static final String ADMIN = "test-admin";
    LadderFixture at;

    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }

    /** The ladder's job stays out of the way: these needs stay UNMATCHED until a person acts. */
    @Override
    protected Map<String, String> settings() {
        return Map.of("onecall.escalation.check", "1h");
    }

    @BeforeAll
    void fixture() {
        at = new LadderFixture(api);
    }

    long unmatched() {
        long need = at.raise(api);
        matcher.notFound(at.community, need, 1, "没有空闲的志愿者");
        eventually().until(() -> !api.need(need).get("status").asText().equals("MATCHING"));
        return need;
    }

    @Test
    void aDirectAssignmentIsRecordedAsAgreedOnThePhoneByTheSignedInCoordinator() {
        long volunteer = api.volunteer(at.community, true, 2);
        long need = unmatched();
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            JsonNode view = api.post("/api/needs/" + need + "/assignment", Map.of("volunteerId", volunteer,
                    "direct", true, "note", "电话里答应了")).expect(200);
            assertEquals("ASSIGNED", view.get("status").asText());
            assertEquals(volunteer, view.get("volunteerId").asLong());
            needs.await(Events.about(at.community, need, OfferAccepted.class, e -> e.volunteerId() == volunteer));
        }
        JsonNode line = LadderFixture.lastLine(api, need);
        assertEquals("AssignedByHand", line.get("eventType").asText());
        assertEquals(ADMIN, line.get("actor").asText());
        assertTrue(line.get("detail").asText().contains("agreed on the phone: 电话里答应了"), line::toString);
        assertEquals(1, api.volunteerState(volunteer).get("activeJobs").asInt());
        assertEquals(200, api.job(volunteer, need).status(), "the job is the volunteer's");
        assertTrue(api.get("/api/audit").raw().contains("need:" + need));
    }

    @Test
    void anOfferByHandWaitsForTheVolunteersAnswer() {
        long volunteer = api.volunteer(at.community, true, 2);
        long need = unmatched();
        api.post("/api/needs/" + need + "/assignment", Map.of("volunteerId", volunteer)).expect(200);
        assertEquals("OFFERED", api.need(need).get("status").asText());
        JsonNode offer = api.offers(volunteer, "PENDING").get(0);
        assertEquals(need, offer.get("needId").asLong());
        api.accept(offer.get("offerId").asLong(), volunteer).expect(200);
        assertEquals("ASSIGNED", api.need(need).get("status").asText());
    }

    @Test
    void aTeamBroadcastOffersEveryAvailableMemberTheFirstAcceptWinsAndTheOthersAreWithdrawn() {
        long first = api.volunteer(at.community, true, 2);
        long second = api.volunteer(at.community, true, 2);
        long offDuty = api.volunteer(at.community, false, 2);
        long team = api.post("/api/communities/" + at.community + "/teams", Map.of("name", "应急小队 " + first))
                .expect(201).at("/team/id").asLong();
        for (long v : List.of(first, second, offDuty)) {
            api.post("/api/teams/" + team + "/members", Map.of("volunteerId", v)).expect(200);
        }
        long need = unmatched();
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            api.post("/api/needs/" + need + "/broadcast", Map.of("teamId", team)).expect(200);
            needs.await(Events.about(at.community, need, OfferMade.class, e -> e.volunteerId() == first));
            needs.await(Events.about(at.community, need, OfferMade.class, e -> e.volunteerId() == second));
            assertEquals(0, api.offers(offDuty, null).size(), "off duty: not offered");
            long firstOffer = api.offers(first, "PENDING").get(0).get("offerId").asLong();
            long secondOffer = api.offers(second, "PENDING").get(0).get("offerId").asLong();

            api.accept(secondOffer, second).expect(200);
            needs.await(Events.about(at.community, need, OfferWithdrawn.class,
                    e -> e.volunteerId() == first && e.offerId() == firstOffer));
            assertEquals(409, api.accept(firstOffer, first).status(), "the first accept won");
        }
        assertEquals("WITHDRAWN", api.offers(first, null).get(0).get("status").asText());
        JsonNode held = api.need(need);
        assertEquals("ASSIGNED", held.get("status").asText());
        assertEquals(second, held.get("volunteerId").asLong());
        assertEquals(0, api.volunteerState(first).get("activeJobs").asInt());
    }

    @Test
    void aBroadcastToATeamWithNobodyAvailableIsRefusedPlainly() {
        long offDuty = api.volunteer(at.community, false, 2);
        long team = api.post("/api/communities/" + at.community + "/teams", Map.of("name", "空队 " + offDuty))
                .expect(201).at("/team/id").asLong();
        api.post("/api/teams/" + team + "/members", Map.of("volunteerId", offDuty)).expect(200);
        long need = unmatched();
        Api.Reply r = api.post("/api/needs/" + need + "/broadcast", Map.of("teamId", team));
        assertEquals(409, r.status(), r.raw());
        assertTrue(r.raw().contains("can take a job now"), r.raw());
        assertEquals("UNMATCHED", api.need(need).get("status").asText(), "nothing half-written");
        assertEquals(0, api.offers(offDuty, null).size());
    }

    @Test
    void aRematchStartsANewRoundWithoutTheVolunteersToAvoid() {
        long avoid = api.volunteer(at.community, true, 2);
        long need = unmatched();
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            api.post("/api/needs/" + need + "/rematch", Map.of("avoidVolunteerIds", List.of(avoid),
                    "volunteerKind", "RETIRED_MEMBER", "note", "老人想要女志愿者")).expect(200);
            needs.await(Events.about(at.community, need, MatchingStarted.class,
                    m -> m.attempt() == 2 && m.excludedVolunteerIds().contains(avoid)));
        }
        JsonNode line = LadderFixture.lastLine(api, need);
        assertEquals(ADMIN, line.get("actor").asText());
        assertTrue(line.get("detail").asText().contains("kind RETIRED_MEMBER"), line::toString);
    }

    @Test
    void aRematchNamingAVolunteerCarriesThePreferencesToTheMatcher() {
        long preferred = api.volunteer(at.community, true, 2);
        long avoid = api.volunteer(at.community, true, 2);
        long need = unmatched();
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            api.post("/api/needs/" + need + "/rematch", Map.of("preferredVolunteerId", preferred,
                    "volunteerKind", "RETIRED_MEMBER", "avoidVolunteerIds", List.of(avoid))).expect(200);
            MatchingStarted m = (MatchingStarted) Events.parse(needs.await(Events.about(at.community, need,
                    MatchingStarted.class, e -> e.attempt() == 2))).orElseThrow().typedPayload();
            assertEquals(preferred, m.preferredVolunteerId());
            assertEquals("RETIRED_MEMBER", m.volunteerKind());
            assertEquals(List.of(avoid), m.avoidVolunteerIds());
        }
    }

    @Test
    void aRematchNamingAStrangerIsRefusedNamingTheFieldAndChangesNothing() {
        long stranger = api.volunteer(api.community());
        long need = unmatched();
        Api.Reply r = api.post("/api/needs/" + need + "/rematch", Map.of("preferredVolunteerId", stranger));
        assertEquals(400, r.status(), r.raw());
        assertEquals(List.of("preferredVolunteerId"), r.fields());
        Api.Reply avoided = api.post("/api/needs/" + need + "/rematch", Map.of("avoidVolunteerIds", List.of(stranger)));
        assertEquals(List.of("avoidVolunteerIds[0]"), avoided.fields(), avoided.raw());
        assertEquals("UNMATCHED", api.need(need).get("status").asText());
    }

    @Test
    void cancellingAnOfferedNeedWithdrawsItsOffersAndTellsTheVolunteers() {
        long volunteer = api.volunteer(at.community, true, 2);
        long need = unmatched();
        api.post("/api/needs/" + need + "/assignment", Map.of("volunteerId", volunteer)).expect(200);
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            api.cancel(need, "老人自己去买了").expect(200);
            needs.await(Events.about(at.community, need, OfferWithdrawn.class, e -> e.volunteerId() == volunteer));
        }
        assertEquals("CANCELLED", api.need(need).get("status").asText());
    }

    @Test
    void aDepartmentTakesTheNeedAnswersAndTheCommunityClosesItWithTheResident() {
        long department = api.post("/api/communities/" + at.community + "/departments", Map.of("name",
                "排水集团大兴分公司", "kind", "WATER", "contactName", "刘工", "contactPhone", "010-69200001",
                "streetWide", true)).expect(201).get("id").asLong();
        assertTrue(api.get("/api/communities/" + at.community + "/departments").raw().contains("排水集团"));
        long need = unmatched();
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            api.post("/api/needs/" + need + "/department", Map.of("departmentId", department,
                    "note", "下水管道需要改造")).expect(200);
            needs.await(Events.about(at.community, need, NeedEscalated.class,
                    e -> "DEPARTMENT".equals(e.level()) && Long.valueOf(department).equals(e.departmentId())
                            && e.recipientUsernames().contains(at.streetAccount)));
            assertEquals("ESCALATED", api.need(need).get("status").asText());
            api.post("/api/needs/" + need + "/department-answer", Map.of("answer", "已疏通", "solved", false))
                    .expect(200);
            assertEquals("ESCALATED", api.need(need).get("status").asText(), "not solved: still with them");
            api.post("/api/needs/" + need + "/department-answer", Map.of("answer", "管道已改造", "solved", true))
                    .expect(200);
            needs.await(Events.about(at.community, need, DepartmentAnswered.class, DepartmentAnswered::solved));
        }
        assertEquals("DONE", api.need(need).get("status").asText());
        api.feedback(need, 5, true).expect(200);
        assertEquals("CLOSED", api.need(need).get("status").asText(), "the community closes it with the resident");
        Api.Reply other = api.post("/api/needs/" + unmatched() + "/department", Map.of("departmentId", 999999,
                "note", "x"));
        assertEquals(400, other.status(), other.raw());
        assertEquals(List.of("departmentId"), other.fields());
    }

    @Test
    void aVolunteerBackOnDutyWakesTheCommunitysUnmatchedNeeds() {
        long volunteer = api.volunteer(at.community, false, 2);
        long need = unmatched();
        api.post("/api/needs/" + need + "/rematch", Map.of()).expect(200);
        matcher.notFound(at.community, need, 2, "还是没有");
        eventually().until(() -> !api.need(need).get("status").asText().equals("MATCHING"));
        assertEquals("UNMATCHED", api.need(need).get("status").asText());
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            api.duty(volunteer, true);
            needs.await(Events.about(at.community, need, MatchingStarted.class, m -> m.attempt() == 3));
        }
        JsonNode line = LadderFixture.lastLine(api, need);
        assertEquals("UNMATCHED", line.get("fromStatus").asText());
        assertTrue(line.get("detail").asText().contains("can take jobs again"), line::toString);
    }

    @Test
    void aNewVolunteerWakesTheCommunitysUnmatchedNeeds() {
        long need = unmatched();
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            api.volunteer(at.community, true, 2);
            needs.await(Events.about(at.community, need, MatchingStarted.class, m -> m.attempt() == 2));
        }
    }

    @Test
    void aDeclineWhileAnotherOfferIsPendingKeepsTheNeedOffered() {
        long first = api.volunteer(at.community, true, 2);
        long second = api.volunteer(at.community, true, 2);
        long need = unmatched();
        api.post("/api/needs/" + need + "/assignment", Map.of("volunteerId", first)).expect(200);
        api.post("/api/needs/" + need + "/assignment", Map.of("volunteerId", second)).expect(200);
        assertEquals("OfferMade", LadderFixture.lastLine(api, need).get("eventType").asText());
        api.decline(api.offers(first, "PENDING").get(0).get("offerId").asLong(), first, "今天不在家").expect(200);
        JsonNode after = api.need(need);
        assertEquals("OFFERED", after.get("status").asText(), "the second offer still stands");
        assertEquals(1, after.get("matchAttempt").asInt(), "no new round");
        api.decline(api.offers(second, "PENDING").get(0).get("offerId").asLong(), second, "太远").expect(200);
        assertEquals("MATCHING", api.need(need).get("status").asText(), "the last one out starts a new round");
    }

    @Test
    void assigningSomeoneOfAnotherCommunityIsRefusedNamingTheField() {
        String elsewhere = api.community();
        long stranger = api.volunteer(elsewhere);
        long need = unmatched();
        Api.Reply r = api.post("/api/needs/" + need + "/assignment", Map.of("volunteerId", stranger, "direct", true));
        assertEquals(400, r.status(), r.raw());
        assertEquals(List.of("volunteerId"), r.fields());
        assertEquals(List.of("volunteerId"), api.post("/api/needs/" + need + "/assignment", Map.of()).fields());
    }
}
