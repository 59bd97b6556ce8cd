package org.onecall.kit;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of one topic on a thread of its own, without a consumer group: each
 * instance of a service sees every record (a compacted state topic read into an in-memory index).
 * It starts from the beginning, or from a moment; hands over each poll's records (possibly none, so
 * the handler can also do its own periodic work); reconnects after a failure; and says when it has
 * read what the topic held when it started.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);

    private final Properties client;
    private final String topic;
    private final String clientId;
    private final Instant from;
    private final Consumer<List<ConsumerRecord<String, String>>> handler;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param from    null: from the beginning; otherwise from the first record at or after this moment
     * @param handler each poll's records, in order per partition; called on the follower's thread
     */
    /**
     * @param client  bootstrap servers and sign-in (a service's {@link KafkaClients#properties()})
     */
    public TopicFollower(Properties client, String topic, String clientId, Instant from,
                         Consumer<List<ConsumerRecord<String, String>>> handler) {
        this.client = client;
        this.topic = topic;
        this.clientId = clientId;
        this.from = from;
        this.handler = handler;
    }

    public TopicFollower start() {
        running = true;
        thread = new Thread(this::run, clientId);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props())) {
                consumer = c;
                List<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                c.assign(partitions);
                position(c, partitions);
                Map<TopicPartition, Long> end = c.endOffsets(partitions);
                while (running) {
                    List<ConsumerRecord<String, String>> batch = new java.util.ArrayList<>();
                    c.poll(Duration.ofMillis(200)).forEach(batch::add);
                    handler.accept(batch);
                    if (caughtUp.getCount() > 0 && end.entrySet().stream()
                            .allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                        caughtUp.countDown();
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("{}: following {} failed, reconnecting: {}", clientId, topic, e.toString());
                }
            }
        }
    }

    private void position(KafkaConsumer<String, String> c, List<TopicPartition> partitions) {
        if (from == null) {
            c.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(p -> at.put(p, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(at);
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp o = found.get(p);
            c.seek(p, o == null ? end.get(p) : o.offset());
        }
    }

    private Properties props() {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + ProcessHandle.current().pid());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }
}
