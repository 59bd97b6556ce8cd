package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.annotation.MockBean;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.DispatchTest;
import org.onecall.dispatch.DispatchTestHttp.MovableClock;
import org.onecall.dispatch.Events;
import org.onecall.events.EventJson;
import org.onecall.events.NeedEvents.NeedEscalated;
import org.onecall.events.Topics;
import org.onecall.testsupport.TopicProbe;

/**
 * The escalation ladder as the test's clock moves: each trigger (unmatched, offers expiring, a share of the
 * service target, the target itself), each rung's timer and recipients, and the community's own timers.
 */
abstract class LadderTest extends DispatchTest {

    final MovableClock clock = new MovableClock();
    LadderFixture at;

    @Inject
    Ladder ladder;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("onecall.escalation.check", "100ms", "onecall.offers.ttl", "1m",
                "onecall.escalation.offer-expiries", "2");
    }

    @BeforeAll
    void fixture() {
        at = new LadderFixture(api);
    }

    JsonNode escalatedTo(TopicProbe needs, long need, String level) {
        String json = needs.await(Events.about(at.community, need, NeedEscalated.class,
                e -> e.level().equals(level)));
        return EventJson.MAPPER.valueToTree(EventJson.read(json).typedPayload());
    }

    @Test
    void anUnmatchedNeedClimbsRungByRungAsTheClockMovesTellingThePeopleOfEach() {
        long need = at.raise(api);
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            Instant start = clock.instant();
            matcher.notFound(at.community, need, 1, "没有空闲的志愿者");
            JsonNode team = escalatedTo(needs, need, "TEAM_LEADER");
            assertEquals(List.of(at.teamLeader), longs(team.get("recipientVolunteerIds")));
            assertEquals(start.plus(Duration.ofMinutes(30)).toString(), team.get("dueAt").asText(),
                    "TODAY needs wait 30 minutes at the team leader (default timers)");
            assertEquals("ESCALATED", api.need(need).get("status").asText());
            JsonNode line = LadderFixture.lastLine(api, need);
            assertEquals("NeedEscalated", line.get("eventType").asText());
            assertEquals("UNMATCHED", line.get("fromStatus").asText());
            assertEquals("system", line.get("actor").asText());
            assertTrue(line.get("detail").asText().contains("nobody could be found"), line::toString);

            clock.advance(Duration.ofMinutes(29));
            assertFalse(ladder.climbIfDue(need), "not before the rung's time is up");
            clock.advance(Duration.ofMinutes(2));
            JsonNode grid = escalatedTo(needs, need, "GRID_LEADER");
            assertEquals(List.of(at.gridLeader), longs(grid.get("recipientVolunteerIds")));
            assertEquals(List.of(at.gridLeaderAccount), texts(grid.get("recipientUsernames")));

            clock.advance(Duration.ofMinutes(31));
            JsonNode coordinator = escalatedTo(needs, need, "COORDINATOR");
            assertEquals(List.of(at.coordinatorAccount), texts(coordinator.get("recipientUsernames")));

            clock.advance(Duration.ofMinutes(61));
            JsonNode street = escalatedTo(needs, need, "STREET");
            assertEquals(List.of(at.streetAccount), texts(street.get("recipientUsernames")));
            assertTrue(street.get("dueAt").isNull(), "the street office is the top of the timed ladder");
            assertEquals("ESCALATED", api.need(need).get("status").asText());
        }
        long climbs = api.history(need).stream().filter(h -> h.get("eventType").asText().equals("NeedEscalated"))
                .count();
        assertEquals(4, climbs);
    }

    @Test
    void offersThatKeepExpiringPutTheNeedOnTheLadder() {
        long volunteer = api.volunteer(at.community, true, 2);
        long need = at.raise(api);
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            for (int round = 1; round <= 2; round++) {
                matcher.propose(at.community, need, round, volunteer);
                int attempt = round;
                eventually().until(() -> api.need(need).get("status").asText().equals("OFFERED"));
                clock.advance(Duration.ofMinutes(2));
                eventually().until(() -> api.need(need).get("matchAttempt").asInt() == attempt + 1
                        || api.need(need).get("status").asText().equals("ESCALATED"));
            }
            JsonNode team = escalatedTo(needs, need, "TEAM_LEADER");
            assertTrue(team.get("reason").asText().contains("2 offers expired"), team::toString);
        }
    }

    @Test
    void aConfiguredShareOfTheServiceTargetPutsTheNeedOnTheLadder() {
        long need = at.raise(api);
        Need raised = needOf(need);
        Duration target = Duration.between(raised.createdAt(), raised.dueAt());
        assertEquals(Duration.ofHours(2), target, "MEDICINE is served within 2 h");
        clock.advance(Duration.ofMinutes(89));
        assertTrue(ladder.reasonToStart(needOf(need), clock.instant()).isEmpty(), "74% of the target");
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            clock.advance(Duration.ofMinutes(2));
            JsonNode team = escalatedTo(needs, need, "TEAM_LEADER");
            assertTrue(team.get("reason").asText().contains("75% of the service target"), team::toString);
            assertEquals("ESCALATED", api.need(need).get("status").asText(), "from MATCHING: people take over");
        }
    }

    @Test
    void passingTheServiceTargetFlagsTheNeedAndClimbsOnceAndCommunityTimersWin() {
        // the community's own timers: long enough that only the passed target climbs
        api.put("/api/communities/" + at.community + "/ladder/timers", Map.of("category", "MEDICINE",
                "minutes", List.of(600, 600, 600))).expect(200);
        long need = at.raise(api);
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            matcher.notFound(at.community, need, 1, "没有空闲的志愿者");
            JsonNode team = escalatedTo(needs, need, "TEAM_LEADER");
            assertEquals(clock.instant().plus(Duration.ofMinutes(600)).toString(), team.get("dueAt").asText());
            clock.advance(Duration.ofMinutes(121));
            JsonNode grid = escalatedTo(needs, need, "GRID_LEADER");
            assertTrue(grid.get("reason").asText().contains("service target"), grid::toString);
        }
        Escalation row = ladder.of(need).orElseThrow();
        assertTrue(row.overdueFlagged());
        assertEquals(Rung.GRID_LEADER, row.level());
        assertFalse(ladder.flagOverdue(need), "flagged once");
        JsonNode shape = api.get("/api/communities/" + at.community + "/ladder").expect(200);
        assertEquals(List.of(600L, 600L, 600L), longs(shape.at("/ownTimers/0/minutes")));
        assertEquals(List.of(30L, 30L, 60L), longs(shape.at("/defaultTimers/*~1*")));
        api.put("/api/communities/" + at.community + "/ladder/timers", Map.of("category", "MEDICINE")).expect(200);
        assertEquals(0, api.get("/api/communities/" + at.community + "/ladder").expect(200).path("ownTimers").size());
    }

    @Test
    void aNeedSomeoneHoldsLeavesTheLadderAndClimbsNoMore() {
        long volunteer = api.volunteer(at.community, true, 2);
        long need = at.raise(api);
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            matcher.notFound(at.community, need, 1, "没有空闲的志愿者");
            escalatedTo(needs, need, "TEAM_LEADER");
        }
        api.post("/api/needs/" + need + "/assignment", Map.of("volunteerId", volunteer, "direct", true)).expect(200);
        eventually().until(() -> !ladder.of(need).orElseThrow().active());
        clock.advance(Duration.ofHours(3));
        assertFalse(ladder.climbIfDue(need));
        assertEquals("ASSIGNED", api.need(need).get("status").asText());
        assertNull(ladder.of(need).orElseThrow().levelDueAt());
    }

    @Test
    void badTimersAreRefusedNamingTheField() {
        var r = api.put("/api/communities/" + at.community + "/ladder/timers", Map.of("minutes", List.of(10, 0, 5)));
        assertEquals(400, r.status(), r.raw());
        assertTrue(r.fields().stream().anyMatch(f -> f.startsWith("minutes")), r.raw());
    }

    private Need needOf(long id) {
        return context.getBean(NeedRepository.class).findById(id).orElseThrow();
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
