package org.onecall.dispatch.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.dispatch.Databases;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.NeedEvents.NeedCancelled;
import org.onecall.events.Topics;
import org.onecall.kit.KafkaSender;
import org.onecall.testsupport.PostgresExtension;
import org.onecall.testsupport.TopicProbe;

/**
 * On a real PostgreSQL (where sequence values commit out of order), plus what only PostgreSQL
 * has: a second dispatch-api's relay on the same database stays idle while the first holds the
 * leader lock, and takes over when it goes.
 */
@ExtendWith(PostgresExtension.class)
class OutboxGapPostgresTest extends OutboxGapTest {

    @Inject OutboxRelay relay;
    @Inject KafkaSender kafka;

    @Override
    protected Map<String, String> database() {
        return Databases.postgres(getClass());
    }

    @Override
    protected void slow(Connection connection, int millis) throws Exception {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_sleep(?)")) {
            s.setDouble(1, millis / 1000.0);
            s.execute();
        }
    }

    @Test
    void withTwoRelaysOnOneDatabaseOnlyTheLeaderPublishesAndTheOtherTakesOverWhenItStops() throws Exception {
        OutboxRelay second = new OutboxRelay(dataSource, kafka, Clock.systemUTC(), Duration.ofMillis(50), 500);
        second.start();
        try (TopicProbe topic = TopicProbe.open(Topics.NEEDS)) {
            topic.values();
            eventually().until(relay::isLeader);
            Load load = load(50);
            Set<UUID> all = load.all();
            eventually().until(() -> published(topic, load).size() >= all.size());
            assertFalse(second.isLeader(), "two leaders");
            List<UUID> seen = published(topic, load);
            assertEquals(all.size(), seen.size(), "published twice");
            assertEquals(all, new HashSet<>(seen));

            relay.stop();
            eventually().until(second::isLeader);
            String key = "gap-failover-" + UUID.randomUUID().toString().substring(0, 8);
            EventEnvelope after = tx.executeWrite(status -> outbox.needEvent(key,
                    new NeedCancelled(1, "published by the second relay", "test")));
            topic.await(json -> json.contains(after.eventId().toString()));
        } finally {
            second.stop();
            relay.start();
            eventually().until(relay::isLeader);
        }
        assertTrue(relay.isLeader());
    }

    private static List<UUID> published(TopicProbe topic, Load load) {
        return topic.values().stream().map(EventJson::read)
                .filter(e -> load.committed().containsKey(e.communityId())).map(EventEnvelope::eventId).toList();
    }
}
