package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.annotation.MockBean;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.DispatchTest;
import org.onecall.dispatch.DispatchTestHttp.MovableClock;
import org.onecall.events.EventEnvelope;
import org.onecall.events.NeedEvents.JobDelayed;

/**
 * The check for volunteers not arrived by what the resident was told: past the due time (or an appointment's
 * end) plus the grace, an ASSIGNED need is found once per volunteer, with a history line and a
 * {@link JobDelayed} naming the coordinators and the owner; one the volunteer reached is never found.
 */
abstract class LateArrivalTest extends DispatchTest {

    final MovableClock clock = new MovableClock();
    LadderFixture at;

    @Inject
    ArrivalWatch watch;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    protected Map<String, String> settings() {
        // the scheduled run stays out of the way: the test checks when it moves the clock
        return Map.of("onecall.arrival.check", "1h", "onecall.arrival.grace", "15m");
    }

    @BeforeAll
    void fixture() {
        at = new LadderFixture(api);
    }

    @Test
    void aVolunteerNotArrivedPastTheDueTimeAndGraceIsFoundOnceAndTheCoordinatorsAreNamed() {
        long volunteer = api.volunteer(at.community, true, 2);
        long need = assigned(volunteer);
        Need held = context.getBean(NeedRepository.class).findById(need).orElseThrow();
        assertEquals(Duration.ofHours(2), Duration.between(held.createdAt(), held.dueAt()), "MEDICINE: due in 2 h");

        clock.advance(Duration.ofHours(2).plusMinutes(14));
        assertEquals(0, watch.check(clock.instant()), "within the grace");
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, watch.check(clock.instant()));

        List<EventEnvelope> events = db.outbox(at.community, need);
        JobDelayed delayed = (JobDelayed) events.get(events.size() - 1).typedPayload();
        assertEquals(JobDelayed.NOT_ARRIVED, delayed.cause());
        assertEquals(volunteer, delayed.volunteerId());
        assertEquals(held.dueAt(), delayed.promisedBy());
        assertEquals(List.of(at.coordinatorAccount, held.takenBy()), delayed.notifyUsernames(),
                "the community's coordinators (not the grid's nor the street's) and the need's owner");
        JsonNode line = LadderFixture.lastLine(api, need);
        assertEquals("JobDelayed", line.get("eventType").asText());
        assertEquals("system", line.get("actor").asText());
        assertEquals("ASSIGNED", line.get("toStatus").asText(), "still theirs: the need does not move");
        assertTrue(line.get("detail").asText().contains("not arrived by"), line::toString);

        clock.advance(Duration.ofHours(1));
        assertEquals(0, watch.check(clock.instant()), "found once for this volunteer, not at every check");
        assertEquals(events.size(), db.outbox(at.community, need).size());
        assertEquals("ASSIGNED", api.need(need).get("status").asText());
    }

    @Test
    void aVolunteerWhoArrivedOrANeedGivenBackIsNeverFoundLate() {
        long volunteer = api.volunteer(at.community, true, 3);
        long arrived = assigned(volunteer);
        api.arrive(arrived, volunteer).expect(200);
        long givenBack = assigned(volunteer);
        api.post("/api/needs/" + givenBack + "/giveback", Map.of("volunteerId", volunteer, "reason", "家里有急事"))
                .expect(200);

        clock.advance(Duration.ofHours(3));
        assertEquals(0, watch.check(clock.instant()));
        assertTrue(db.outbox(at.community, arrived).stream().noneMatch(e -> e.type().equals("JobDelayed")));
        assertEquals(1, db.outbox(at.community, givenBack).stream().filter(e -> e.type().equals("JobDelayed")).count(),
                "only the give-back's own notice");
    }

    private long assigned(long volunteer) {
        long need = at.raise(api);
        int round = api.need(need).get("matchAttempt").asInt();
        matcher.propose(at.community, need, round, volunteer);
        eventually().until(() -> api.need(need).get("status").asText().equals("OFFERED"));
        long offer = api.offers(volunteer, "PENDING").stream().filter(o -> o.get("needId").asLong() == need)
                .findFirst().orElseThrow().get("offerId").asLong();
        api.accept(offer, volunteer).expect(200);
        return need;
    }
}
