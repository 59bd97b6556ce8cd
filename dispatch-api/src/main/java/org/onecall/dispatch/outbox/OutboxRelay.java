package org.onecall.dispatch.outbox;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.onecall.kit.KafkaSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes committed outbox rows to Kafka, every row once and, per message key, in commit order;
 * marks them published only after the broker acknowledged them (acks=all, idempotent producer).
 *
 * <p><b>Gap-safe.</b> It selects rows "not yet published", never "id greater than the last one
 * sent": on PostgreSQL identity values commit out of order, and a cursor on the id silently skips
 * a row whose transaction commits after a later id was already seen.
 *
 * <p><b>Commit order per key.</b> Identity order is not commit order either (T1 takes id 10, T2 id
 * 11, T2 commits first). {@link OutboxOrdering} gives each transaction a position
 * ({@code commit_seq}) at commit time under a lock on its keys, so per key the visible rows are
 * always a prefix of the position order; publishing unpublished rows by {@code (commit_seq, id)}
 * is then commit order per key, within a pass and across passes. Rows without a position (written
 * before V6, or by hand) go first, in id order.
 *
 * <p><b>One publisher.</b> The relay works on a connection of its own. On PostgreSQL it holds the
 * session advisory lock {@link #LEADER_LOCK} on that connection: only the instance holding it
 * publishes; the others try again every poll interval and take over when the leader's session
 * ends (its process died, it shut down, or its connection broke: then its next statement fails and
 * it stops publishing). A takeover can re-send rows the old leader sent but had not yet marked
 * (at-least-once; consumers are idempotent on eventId). H2 is single-instance: always the leader.
 *
 * <p><b>Fast.</b> {@link Outbox} signals after each commit, which wakes the relay at once; the
 * poll interval is only the safety net (rows written by hand, a missed signal, a broker outage).
 */
@Singleton
class OutboxRelay {

    /** The PostgreSQL advisory lock (one-bigint space) held by the publishing relay. */
    static final long LEADER_LOCK = 0x0C_A11_0000_0001L;

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String SELECT = "SELECT id, event_id, topic, msg_key, event_type, payload FROM outbox"
            + " WHERE published_at IS NULL ORDER BY commit_seq NULLS FIRST, id LIMIT ?";

    private final DataSource dataSource;
    private final KafkaSender producer;
    private final Clock clock;
    private final Duration pollInterval;
    private final int batchSize;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private volatile boolean leader;
    private Connection connection;
    private boolean postgres;
    private Thread thread;

    OutboxRelay(DataSource dataSource, KafkaSender producer, Clock clock,
                @Value("${onecall.outbox.poll-interval:500ms}") Duration pollInterval,
                @Value("${onecall.outbox.batch-size:500}") int batchSize) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.producer = producer;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        start();
    }

    /** Starts the relay thread (again after {@link #stop()}); package-private so tests can run a second relay. */
    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onAppended(OutboxAppended appended) {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** Whether this relay currently holds the leader lock and publishes. */
    boolean isLeader() {
        return leader;
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        running = false;
        wake.release();
        if (thread != null) {
            thread.join(5_000);
            thread = null;
        }
    }

    private void loop() {
        Duration backoff = pollInterval;
        try {
            while (running) {
                try {
                    int sent = leader() ? publishBatch() : 0;
                    backoff = pollInterval;
                    if (sent < batchSize) {
                        wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                        wake.drainPermits();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (SQLException | RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    LOG.warn("outbox relay pass failed, retrying in {}: {}", backoff, e.toString());
                    if (e instanceof SQLException) {
                        closeConnection(); // a broken session has lost the leader lock: start over
                    }
                    sleepQuietly(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                            ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
                }
            }
        } finally {
            closeConnection();
        }
    }

    /** Opens the relay's connection if needed and tries to become the leader; true when it is. */
    private boolean leader() throws SQLException {
        if (connection == null) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                    .contains("postgres");
            leader = false;
        }
        if (!leader) {
            if (postgres) {
                try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    s.setLong(1, LEADER_LOCK);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        leader = rs.getBoolean(1);
                    }
                }
                if (leader) {
                    LOG.info("outbox relay is the leader (advisory lock {})", LEADER_LOCK);
                }
            } else {
                leader = true;
            }
        }
        return leader;
    }

    /** One pass on the leader; returns how many rows were published. */
    private int publishBatch() throws SQLException {
        List<Row> batch = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(SELECT)) {
            s.setInt(1, batchSize);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    batch.add(new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (Row row : batch) {
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.key, row.payload);
            record.headers().add("eventId", row.eventId.toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add("type", row.type.getBytes(StandardCharsets.UTF_8));
            acks.add(producer.send(record));
        }
        List<Long> published = new ArrayList<>(batch.size());
        try {
            for (int i = 0; i < acks.size(); i++) {
                acks.get(i).get(30, TimeUnit.SECONDS);
                published.add(batch.get(i).id);
            }
        } catch (ExecutionException | TimeoutException e) {
            // keep what was acknowledged in order; the rest is retried on the next pass
            LOG.warn("broker did not acknowledge outbox row: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!published.isEmpty()) {
                markPublished(published);
            }
        }
        return published.size();
    }

    private void markPublished(List<Long> ids) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE outbox SET published_at = ? WHERE id = ?")) {
            Timestamp at = Timestamp.from(clock.instant());
            for (long id : ids) {
                s.setTimestamp(1, at);
                s.setLong(2, id);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private void closeConnection() {
        leader = false;
        if (connection == null) {
            return;
        }
        try {
            if (postgres && !connection.isClosed()) {
                // the pool keeps the session open: give the lock back before returning the connection
                try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                    s.execute();
                } catch (SQLException e) {
                    LOG.debug("releasing the leader lock: {}", e.toString());
                }
            }
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the relay connection: {}", e.toString());
        }
        connection = null;
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Row(long id, UUID eventId, String topic, String key, String type, String payload) {
    }
}
