package org.onecall.dispatch.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.DispatchTest;
import org.onecall.dispatch.Events;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.NeedEvents.NeedCancelled;
import org.onecall.events.Topics;
import org.onecall.testsupport.TopicProbe;

/**
 * The relay polls only every 30 s here, so an event on the topic within 2 s of the commit can only
 * be the after-commit wake-up's doing; a row that arrives without that signal shows the contrast.
 */
abstract class OutboxRelayWakesAfterCommitTest extends DispatchTest {

    private static final Duration QUICKLY = Duration.ofSeconds(2);

    @Override
    protected Map<String, String> settings() {
        return Map.of("onecall.outbox.poll-interval", "30s");
    }

    @Test
    void aCommittedEventIsOnTheTopicWithinTwoSecondsAlthoughTheRelayPollsEvery30s() {
        assertEquals(Duration.ofSeconds(30), context.getRequiredProperty("onecall.outbox.poll-interval", Duration.class));
        String community = api.community();
        long household = api.household(community);

        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            needs.values(); // assigned and caught up before the clock starts

            // a row written behind the service's back sends no signal: it waits for the next poll
            EventEnvelope quiet = EventEnvelope.of(new NeedCancelled(1, "inserted by hand", "test"), community,
                    Clock.systemUTC());
            db.update("INSERT INTO outbox (event_id, topic, msg_key, event_type, payload, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)", quiet.eventId(), Topics.NEEDS, community,
                    quiet.type(), EventJson.write(quiet), java.sql.Timestamp.from(Instant.now()));
            Predicate<String> quietOne = json -> json.contains(quiet.eventId().toString());
            assertThrows(ConditionTimeoutException.class, () -> needs.await(quietOne, Duration.ofMillis(1500)));

            // each committed change wakes the relay at once, and the waiting row goes along with the first
            for (int i = 0; i < 3; i++) {
                long need = api.raise(household).get("id").asLong();
                needs.await(Events.about(community, need, MatchingStarted.class), QUICKLY);
                if (i == 0) {
                    needs.await(quietOne, QUICKLY);
                }
            }
        }
    }
}
