package org.onecall.dispatch.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.DispatchTest;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.NeedEvents.NeedCancelled;
import org.onecall.events.Topics;
import org.onecall.testsupport.TopicProbe;

/**
 * The outbox under concurrent writers whose transactions commit in a different order than they
 * took their ids: every committed row is published exactly once and, per key, in commit order;
 * and the old way (a cursor "id greater than the last one sent") is shown to lose rows under the
 * same load, so these tests can fail.
 *
 * <p>Commit order is recorded exactly: writers of one key commit under a test lock of that key
 * (taken after the slow part, released after the commit returned and the event was appended to
 * the key's list), so each key's list is in commit order while inserts still overlap freely.
 */
abstract class OutboxGapTest extends DispatchTest {

    static final int WRITERS = 8;
    static final int TRANSACTIONS_PER_WRITER = 200;
    static final int KEYS = 4;
    static final int MAX_SLEEP_MS = 12;

    @Inject Outbox outbox;
    @Inject TransactionOperations<Connection> tx;
    @Inject DataSource dataSource;

    /** Keeps the transaction open for {@code millis} (pg_sleep on PostgreSQL, a pause on H2). */
    protected abstract void slow(Connection connection, int millis) throws Exception;

    /** What the writers committed, per key, in commit order. */
    record Load(List<String> keys, Map<String, List<UUID>> committed, int transactions) {
        Set<UUID> all() {
            Set<UUID> ids = new HashSet<>();
            committed.values().forEach(ids::addAll);
            return ids;
        }
    }

    /** Runs {@link #WRITERS} × {@code perWriter} transactions, each writing 1–3 rows for 1–2 of the keys. */
    Load load(int perWriter) throws Exception {
        String prefix = "gap-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> keys = new ArrayList<>();
        Map<String, ReentrantLock> locks = new LinkedHashMap<>();
        Map<String, List<UUID>> committed = new ConcurrentHashMap<>();
        for (int k = 0; k < KEYS; k++) {
            keys.add(prefix + k);
            locks.put(prefix + k, new ReentrantLock());
            committed.put(prefix + k, Collections.synchronizedList(new ArrayList<>()));
        }
        AtomicLong seq = new AtomicLong();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                done.add(writers.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int t = 0; t < perWriter; t++) {
                        TreeSet<String> mine = new TreeSet<>();
                        mine.add(keys.get(random.nextInt(KEYS)));
                        if (random.nextInt(4) == 0) {
                            mine.add(keys.get(random.nextInt(KEYS)));
                        }
                        Map<String, List<UUID>> written = new LinkedHashMap<>();
                        List<ReentrantLock> held = new ArrayList<>();
                        try {
                            tx.executeWrite(status -> {
                                for (String key : mine) {
                                    int rows = 1 + random.nextInt(3);
                                    for (int r = 0; r < rows; r++) {
                                        EventEnvelope e = outbox.needEvent(key,
                                                new NeedCancelled(seq.incrementAndGet(), "gap test", "test"));
                                        written.computeIfAbsent(key, x -> new ArrayList<>()).add(e.eventId());
                                    }
                                }
                                try {
                                    slow(status.getConnection(), random.nextInt(MAX_SLEEP_MS + 1));
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                                for (String key : mine) { // sorted: no deadlock between test locks
                                    ReentrantLock lock = locks.get(key);
                                    lock.lock();
                                    held.add(lock);
                                }
                                return null;
                            });
                            // committed: record while still holding the keys, so the lists are in commit order
                            written.forEach((key, ids) -> committed.get(key).addAll(ids));
                        } finally {
                            for (int i = held.size() - 1; i >= 0; i--) {
                                held.get(i).unlock();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            writers.shutdownNow();
        }
        return new Load(keys, committed, WRITERS * perWriter);
    }

    @Test
    void concurrentSlowWritersArePublishedExactlyOnceAndInCommitOrderPerKey() throws Exception {
        try (TopicProbe topic = TopicProbe.open(Topics.NEEDS)) {
            topic.values();
            Load load = load(TRANSACTIONS_PER_WRITER);
            assertEquals(WRITERS * TRANSACTIONS_PER_WRITER, load.transactions());
            Set<UUID> all = load.all();
            assertEquals(all.size(), db.count("SELECT COUNT(*) FROM outbox WHERE msg_key LIKE ?",
                    load.keys().get(0).substring(0, 13) + "%"));

            Map<String, List<UUID>> published = new LinkedHashMap<>();
            eventually().atMost(Duration.ofSeconds(60)).until(() -> {
                published.clear();
                for (String json : topic.values()) {
                    EventEnvelope e = EventJson.read(json);
                    if (load.committed().containsKey(e.communityId())) {
                        published.computeIfAbsent(e.communityId(), k -> new ArrayList<>()).add(e.eventId());
                    }
                }
                return published.values().stream().mapToInt(List::size).sum() >= all.size();
            });
            Set<UUID> seen = new HashSet<>();
            published.values().forEach(ids -> ids.forEach(id -> assertTrue(seen.add(id), "published twice: " + id)));
            assertEquals(all, seen, "every committed row, and nothing else");
            for (String key : load.keys()) {
                assertInOrder(load.committed().get(key), published.get(key), key);
            }
            // ...and the load did produce id order != commit order, which an "ORDER BY id" relay would publish
            assertTrue(load.keys().stream().anyMatch(k -> !idOrder(k).equals(load.committed().get(k))),
                    "the load never committed ids out of order: it proves nothing");
        }
    }

    @Test
    void theOldCursorRelayLosesRowsUnderTheSameLoad() throws Exception {
        String like = "gap-%";
        AtomicBoolean stop = new AtomicBoolean();
        Set<UUID> cursorSaw = ConcurrentHashMap.newKeySet();
        CountDownLatch started = new CountDownLatch(1);
        long startId = db.count("SELECT COALESCE(MAX(id), 0) FROM outbox");
        Thread naive = new Thread(() -> {
            // the old relay: SELECT ... WHERE id > :last ORDER BY id, then last = the greatest id sent
            long last = startId;
            try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                 PreparedStatement s = c.prepareStatement(
                         "SELECT id, event_id FROM outbox WHERE id > ? AND msg_key LIKE ? ORDER BY id")) {
                started.countDown();
                while (!stop.get()) {
                    s.setLong(1, last);
                    s.setString(2, like);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            last = rs.getLong(1);
                            cursorSaw.add(rs.getObject(2, UUID.class));
                        }
                    }
                    Thread.sleep(1);
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "naive-relay");
        naive.start();
        started.await();
        Load load = load(TRANSACTIONS_PER_WRITER / 2);
        Thread.sleep(200);
        stop.set(true);
        naive.join();
        Set<UUID> lost = new HashSet<>(load.all());
        lost.removeAll(cursorSaw);
        assertTrue(!lost.isEmpty(), "the id cursor saw all " + load.all().size() + " rows this time");
        // the real relay published those too
        String unpublished = "SELECT COUNT(*) FROM outbox WHERE msg_key LIKE ? AND published_at IS NULL";
        eventually().until(() -> db.count(unpublished, like) == 0);
        System.out.printf("old cursor relay lost %d of %d committed rows%n", lost.size(), load.all().size());
    }

    @Test
    void aLowerIdCommittedLaterIsPublishedAfterTheHigherOneAndNotSkipped() throws Exception {
        String key = "gap-pair-" + UUID.randomUUID().toString().substring(0, 8);
        CountDownLatch firstWrote = new CountDownLatch(1);
        CountDownLatch secondCommitted = new CountDownLatch(1);
        long before = db.count("SELECT COALESCE(MAX(id), 0) FROM outbox");
        ExecutorService two = Executors.newFixedThreadPool(1);
        try (TopicProbe topic = TopicProbe.open(Topics.NEEDS)) {
            topic.values();
            Future<EventEnvelope> slowOne = two.submit(() -> tx.executeWrite(status -> {
                EventEnvelope e = outbox.needEvent(key, new NeedCancelled(1, "took the lower id", "test"));
                firstWrote.countDown();
                try {
                    secondCommitted.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    throw new IllegalStateException(ex);
                }
                return e;
            }));
            firstWrote.await(10, TimeUnit.SECONDS);
            EventEnvelope fast = tx.executeWrite(status -> outbox.needEvent(key,
                    new NeedCancelled(2, "took the higher id, committed first", "test")));
            // the old cursor relay reads now: it sees only the higher id, and moves past the lower one
            List<Long> cursorPass = db.rows("SELECT id FROM outbox WHERE id > ? AND msg_key = ? ORDER BY id", before, key)
                    .stream().map(r -> ((Number) r.get("id")).longValue()).toList();
            assertEquals(1, cursorPass.size());
            long cursor = cursorPass.get(0);
            secondCommitted.countDown();
            EventEnvelope slow = slowOne.get(10, TimeUnit.SECONDS);
            assertEquals(0, db.count("SELECT COUNT(*) FROM outbox WHERE id > ? AND msg_key = ?", cursor, key),
                    "the cursor's next pass finds nothing: the slow row is lost to it");
            long slowId = db.count("SELECT id FROM outbox WHERE event_id = ?", slow.eventId());
            assertTrue(slowId < cursor, "the slow transaction took the lower id");

            List<UUID> order = new ArrayList<>();
            eventually().until(() -> {
                order.clear();
                topic.values().stream().map(EventJson::read).filter(e -> e.communityId().equals(key))
                        .forEach(e -> order.add(e.eventId()));
                return order.size() >= 2;
            });
            assertEquals(List.of(fast.eventId(), slow.eventId()), order, "commit order, not id order");
        } finally {
            two.shutdownNow();
        }
    }

    /** Equal lists, or a short message naming the first position where they differ. */
    static void assertInOrder(List<UUID> committed, List<UUID> published, String key) {
        int n = Math.min(committed.size(), published.size());
        for (int i = 0; i < n; i++) {
            if (!committed.get(i).equals(published.get(i))) {
                throw new AssertionError("key " + key + ": event " + i + " of " + committed.size()
                        + " in commit order is " + committed.get(i) + ", but " + published.get(i) + " was published");
            }
        }
        assertEquals(committed.size(), published.size(), "events of key " + key);
    }

    /** The key's event ids in id order: what an "ORDER BY id" relay would publish. */
    List<UUID> idOrder(String key) {
        return db.rows("SELECT event_id FROM outbox WHERE msg_key = ? ORDER BY id", key).stream()
                .map(r -> (UUID) r.get("event_id")).toList();
    }
}
