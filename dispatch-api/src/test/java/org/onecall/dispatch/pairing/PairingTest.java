package org.onecall.dispatch.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.DispatchTest;
import org.onecall.dispatch.Events;
import org.onecall.dispatch.SettableClock;
import org.onecall.events.EventJson;
import org.onecall.events.LoopEvents.PairingVisitMissed;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.NeedEvents.OfferMade;
import org.onecall.events.Topics;
import org.onecall.testsupport.TopicProbe;

/**
 * One-to-one pairing end to end on the real broker, time moved on the service's clock: each visit is a
 * need offered straight to the paired volunteer; a missed visit alerts the team leader, a second one in a
 * row the grid leader too; a visit made resets the count; a declined visit goes on to normal matching.
 */
abstract class PairingTest extends DispatchTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    SettableClock clock;
    @Inject
    PairingSchedule schedule;

    String community;
    String suffix;
    long household;
    long paired;
    long teamLeader;
    long gridLeader;
    long pairing;


    @Override
    protected Map<String, String> settings() {
        return Map.of("onecall.test.settable-clock", "true", "onecall.pairing.check", "1h");
    }

    @BeforeEach
    void aPairOnTuesdayMornings() {
        clock.set(at(2026, 12, 7, 10, 0)); // a Monday
        community = api.community();
        suffix = community.substring(2);
        paired = api.volunteer(community);
        teamLeader = api.volunteer(community);
        gridLeader = api.volunteer(community);
        api.post("/api/communities/" + community + "/grids", Map.of("code", "grid-1", "name", "第一网格",
                "leaderVolunteerId", gridLeader)).expect(201);
        long team = api.post("/api/communities/" + community + "/teams", Map.of("name", "助老服务队",
                "leaderVolunteerId", teamLeader)).expect(201).at("/team/id").asLong();
        api.post("/api/teams/" + team + "/members", Map.of("volunteerId", paired)).expect(200);
        api.post("/api/accounts", Map.of("username", "gl-" + suffix, "displayName", "李网格长", "role", "COORDINATOR",
                "communities", List.of(community), "grids", List.of("grid-1"), "password", "onecall-test-2026"))
                .expect(201);
        household = api.household(community);
        pairing = api.post("/api/communities/" + community + "/pairings", Map.of("volunteerId", paired,
                "householdId", household, "schedule", "周二 09:00-11:00", "description", "每周二上门看望独居老人"))
                .expect(201).get("id").asLong();
    }

    @Test
    void missedVisitsAlertTheTeamLeaderThenTheGridLeaderAndAVisitMadeResetsTheCount() {
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            long first = visitRaised(needs);
            schedule.tick();
            assertEquals(1, visits().size(), "a second tick raises nothing twice");

            clock.set(at(2026, 12, 8, 11, 1));
            schedule.tick();
            PairingVisitMissed once = missed(needs, 1);
            assertEquals(List.of(teamLeader), once.notifyVolunteerIds());
            assertEquals(List.of(), once.notifyUsernames());
            assertEquals(paired, once.volunteerId());
            assertEquals(at(2026, 12, 8, 9, 0), once.windowStart());
            assertEquals("MISSED", visits().get(0).get("status").asText());
            assertTrue(first > 0);

            clock.set(at(2026, 12, 14, 10, 0));
            visitRaised(needs);
            clock.set(at(2026, 12, 15, 11, 1));
            schedule.tick();
            PairingVisitMissed twice = missed(needs, 2);
            assertEquals(List.of(teamLeader, gridLeader), twice.notifyVolunteerIds());
            assertEquals(List.of("gl-" + suffix), twice.notifyUsernames());

            // the third week the volunteer goes: the count starts again
            clock.set(at(2026, 12, 21, 10, 0));
            long third = visitRaised(needs);
            long offer = api.offers(paired, "PENDING").stream().filter(o -> o.get("needId").asLong() == third)
                    .findFirst().orElseThrow().get("offerId").asLong();
            api.accept(offer, paired).expect(200);
            clock.set(at(2026, 12, 22, 9, 30));
            api.arrive(third, paired).expect(200);
            clock.set(at(2026, 12, 22, 11, 1));
            schedule.tick();
            JsonNode list = api.get("/api/communities/" + community + "/pairings").expect(200).get(0);
            assertEquals("VISITED", list.at("/recentVisits/0/status").asText());
            assertEquals(0, list.get("missedInRow").asInt());
            assertEquals("李建国", list.get("volunteerName").asText());
            assertEquals("TUE 09:00-11:00", list.get("schedule").asText());
        }
    }

    @Test
    void theVisitIsOfferedToThePairedVolunteerFirstAndADeclineGoesToNormalMatching() {
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            long need = visitRaised(needs);
            JsonNode view = api.need(need);
            assertEquals("COMPANIONSHIP", view.get("category").asText());
            assertEquals("OFFERED", view.get("status").asText());
            assertEquals(at(2026, 12, 8, 9, 0), Instant.parse(view.at("/window/start").asText()));
            assertEquals("PAIRING", view.get("source").asText());
            long offer = api.offers(paired, "PENDING").get(0).get("offerId").asLong();
            api.decline(offer, paired, "那天要去医院").expect(200);
            MatchingStarted next = (MatchingStarted) EventJson.read(needs.await(Events.about(community, need,
                    MatchingStarted.class))).typedPayload();
            assertEquals(List.of(paired), next.excludedVolunteerIds());
        }
    }

    @Test
    void theHouseholdsOtherNeedsAskThePairedVolunteerFirstUnlessTheyComplainedAboutThem() {
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            assertEquals(List.of(paired), matchingStartedFor(needs, api.raise(household).get("id").asLong())
                    .pastVolunteerIds(), "the paired helper is the household's first past helper");

            long visit = visitRaised(needs);
            long offer = api.offers(paired, "PENDING").stream().filter(o -> o.get("needId").asLong() == visit)
                    .findFirst().orElseThrow().get("offerId").asLong();
            api.accept(offer, paired).expect(200);
            api.arrive(visit, paired).expect(200);
            api.complete(visit, paired).expect(200);
            api.feedback(visit, 1, false).expect(200);

            assertEquals(List.of(), matchingStartedFor(needs, api.raise(household).get("id").asLong())
                    .pastVolunteerIds(), "a complaint names the paired helper: not asked first any more");
        }
    }

    @Test
    void aScheduleIsCheckedAndTheHouseholdMustBeTheCommunitys() {
        var bad = api.post("/api/communities/" + community + "/pairings", Map.of("volunteerId", paired,
                "householdId", household, "schedule", "每周二上午"));
        bad.expect(400);
        assertEquals(List.of("schedule"), bad.fields());
        assertEquals(List.of("schedule"), api.post("/api/communities/" + community + "/pairings", Map.of(
                "volunteerId", paired, "householdId", household, "schedule", "周二 22:00-02:00")).fields());
        String elsewhere = api.community();
        assertEquals(List.of("householdId"), api.post("/api/communities/" + elsewhere + "/pairings", Map.of(
                "volunteerId", paired, "householdId", household, "schedule", "周二 09:00-11:00")).fields());
    }

    // ---- steps ----

    /** Ticks and returns the visit need the tick offered to the paired volunteer. */
    private long visitRaised(TopicProbe needs) {
        int before = visits().size();
        schedule.tick();
        List<JsonNode> now = visits();
        assertEquals(before + 1, now.size(), now::toString);
        long need = now.get(0).get("needId").asLong();
        OfferMade offer = (OfferMade) EventJson.read(needs.await(Events.about(community, need, OfferMade.class)))
                .typedPayload();
        assertEquals(paired, offer.volunteerId());
        return need;
    }

    private MatchingStarted matchingStartedFor(TopicProbe needs, long need) {
        return (MatchingStarted) EventJson.read(needs.await(Events.about(community, need, MatchingStarted.class)))
                .typedPayload();
    }

    private PairingVisitMissed missed(TopicProbe needs, int inARow) {
        return (PairingVisitMissed) EventJson.read(needs.await(Events.of(community)
                .and(v -> v.contains("\"PairingVisitMissed\"") && v.contains("\"missedInARow\":" + inARow))))
                .typedPayload();
    }

    private List<JsonNode> visits() {
        JsonNode list = api.get("/api/communities/" + community + "/pairings").expect(200);
        List<JsonNode> visits = new java.util.ArrayList<>();
        list.get(0).path("recentVisits").forEach(visits::add);
        return visits;
    }

    private static Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(SHANGHAI).toInstant();
    }
}
