package org.onecall.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.EventPayload;
import org.onecall.events.MalformedEventException;

/**
 * Reads one topic from the beginning, without a consumer group, so tests can assert on what was
 * published regardless of who else consumes it.
 *
 * <pre>{@code
 * try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
 *     String json = needs.await(TopicProbe.event(NeedRaised.class, "need-5"));
 * }
 * }</pre>
 */
public final class TopicProbe implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final List<String> values = new ArrayList<>();
    private boolean assigned;

    private TopicProbe(Map<String, Object> clientConfig, String topic) {
        this.topic = topic;
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // a probe must not create the topic it is waiting for
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** A probe on the broker of {@link KafkaBrokerExtension}. */
    public static TopicProbe open(String topic) {
        return open(KafkaBrokerExtension.bootstrapServers(), topic);
    }

    public static TopicProbe open(String bootstrapServers, String topic) {
        return new TopicProbe(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic);
    }

    /** A probe signing in with this client configuration (bootstrap servers and, on a secured broker, SASL). */
    public static TopicProbe open(Map<String, Object> clientConfig, String topic) {
        return new TopicProbe(clientConfig, topic);
    }

    /** Every value seen so far, after fetching what is there right now. */
    public List<String> values() {
        poll(Duration.ofMillis(200));
        return List.copyOf(values);
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} for a value that matches, and returns the first one. */
    public String await(Predicate<String> matching) {
        return await(matching, DEFAULT_TIMEOUT);
    }

    public String await(Predicate<String> matching, Duration timeout) {
        return Awaitility.await().alias("a record on " + topic + " matching the predicate")
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    poll(Duration.ofMillis(100));
                    return values.stream().filter(matching).findFirst();
                }, Optional::isPresent)
                .orElseThrow();
    }

    /** Matches envelopes carrying this payload type for this aggregate id. */
    public static Predicate<String> event(Class<? extends EventPayload> type, String aggregateId) {
        return event(type.getSimpleName(), aggregateId);
    }

    /** Matches envelopes (see {@link EventEnvelope}) of this type and aggregate id; other values do not match. */
    public static Predicate<String> event(String type, String aggregateId) {
        return json -> {
            try {
                EventEnvelope envelope = EventJson.read(json);
                return envelope.type().equals(type) && envelope.aggregateId().equals(aggregateId);
            } catch (MalformedEventException e) {
                return false;
            }
        };
    }

    private void poll(Duration timeout) {
        if (!assigned && !assign()) {
            return;
        }
        for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
            values.add(record.value());
        }
    }

    private boolean assign() {
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        } catch (TimeoutException e) {
            return false;
        }
        if (partitions == null || partitions.isEmpty()) {
            return false;
        }
        List<TopicPartition> assignment = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(assignment);
        consumer.seekToBeginning(assignment);
        assigned = true;
        return true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
