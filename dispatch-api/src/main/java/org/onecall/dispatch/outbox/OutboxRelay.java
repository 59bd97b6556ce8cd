package org.onecall.dispatch.outbox;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.onecall.kit.KafkaSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks them published only after the
 * broker acknowledged them (acks=all): a crash in between re-sends, and consumers are idempotent.
 *
 * <p>It selects by "not yet published" rather than "id greater than the last one sent", so a row
 * whose transaction commits late (PostgreSQL sequence values commit out of order) is still found
 * on a later pass instead of being skipped. One relay per database is assumed: running two
 * dispatch-api instances publishes some rows twice (harmless) and may reorder them (leader
 * election is issue 3's work).
 */
@Singleton
class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRepository rows;
    private final KafkaSender producer;
    private final Clock clock;
    private final Duration pollInterval;
    private final int batchSize;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    OutboxRelay(OutboxRepository rows, KafkaSender producer, Clock clock,
                @Value("${onecall.outbox.poll-interval:500ms}") Duration pollInterval,
                @Value("${onecall.outbox.batch-size:500}") int batchSize) {
        this.rows = rows;
        this.producer = producer;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
    }

    @EventListener
    void onStartup(StartupEvent event) {
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

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        wake.release();
        if (thread != null) {
            thread.join(5_000);
        }
    }

    private void loop() {
        Duration backoff = pollInterval;
        while (running) {
            try {
                int sent = publishBatch();
                backoff = pollInterval;
                if (sent < batchSize) {
                    wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("outbox relay pass failed, retrying in {}: {}", backoff, e.toString());
                sleepQuietly(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                        ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
            }
        }
    }

    /** One pass; returns how many rows were published. Package-private for tests. */
    int publishBatch() throws InterruptedException {
        List<OutboxRow> batch = rows.findUnpublished(batchSize);
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (OutboxRow row : batch) {
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.msgKey(), row.payload());
            record.headers().add("eventId", row.eventId().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add("type", row.eventType().getBytes(StandardCharsets.UTF_8));
            acks.add(producer.send(record));
        }
        List<Long> published = new ArrayList<>(batch.size());
        try {
            for (int i = 0; i < acks.size(); i++) {
                acks.get(i).get(30, TimeUnit.SECONDS);
                published.add(batch.get(i).id());
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // keep what was acknowledged in order; the rest is retried on the next pass
            LOG.warn("broker did not acknowledge outbox row: {}", e.toString());
        } finally {
            if (!published.isEmpty()) {
                rows.markPublished(published, clock.instant());
            }
        }
        return published.size();
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
