package org.onecall.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.EventPayload;
import org.onecall.events.MalformedEventException;
import org.onecall.events.Topics;

/**
 * Test input and output on the shared broker. The broker and its topics are shared by every test
 * of the JVM, so each test uses its own community id and its own need, offer and volunteer ids.
 */
public final class TestKafka implements AutoCloseable {

    private static final AtomicLong IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000));

    private final KafkaProducer<String, String> producer;

    /** Publishes to the plain broker of {@link KafkaBrokerExtension}. */
    public TestKafka() {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers()));
    }

    /** Publishes with this client configuration, e.g. as a principal of {@link SecureKafkaBrokerExtension}. */
    public TestKafka(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    public static String newCommunity() {
        return "c-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Unique in this JVM: need, offer, volunteer and merchant ids of every test. */
    public static long newId() {
        return IDS.incrementAndGet();
    }

    /** Publishes a need or offer event to {@link Topics#NEEDS}, keyed by community, and waits for the ack. */
    public EventEnvelope publishNeedEvent(EventPayload payload, String communityId) {
        EventEnvelope envelope = EventEnvelope.of(payload, communityId, Clock.systemUTC());
        send(Topics.NEEDS, communityId, EventJson.write(envelope));
        return envelope;
    }

    /** Publishes a resource state to the compacted {@link Topics#RESOURCES}, keyed by resource id. */
    public EventEnvelope publishResource(EventPayload payload, String communityId) {
        EventEnvelope envelope = EventEnvelope.of(payload, communityId, Clock.systemUTC());
        send(Topics.RESOURCES, payload.aggregateId(), EventJson.write(envelope));
        return envelope;
    }

    public void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("not acknowledged: " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Matches envelopes of this type about this aggregate in this community. */
    public static Predicate<String> event(Class<? extends EventPayload> type, String communityId, String aggregateId) {
        return json -> {
            try {
                EventEnvelope e = EventJson.read(json);
                return e.is(type) && e.communityId().equals(communityId) && e.aggregateId().equals(aggregateId);
            } catch (MalformedEventException e) {
                return false;
            }
        };
    }

    /** Every envelope on the topic about this aggregate in this community, whatever its type. */
    public static Predicate<String> about(String communityId, String aggregateId) {
        return json -> {
            try {
                EventEnvelope e = EventJson.read(json);
                return e.communityId().equals(communityId) && e.aggregateId().equals(aggregateId);
            } catch (MalformedEventException e) {
                return false;
            }
        };
    }

    /**
     * Reads a whole topic from the beginning, headers included (the dead-letter reason is a header),
     * without a consumer group.
     */
    public static final class RecordProbe implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

        public RecordProbe(String topic) {
            this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers()), topic);
        }

        /** Reads with this client configuration, e.g. as a principal of {@link SecureKafkaBrokerExtension}. */
        public RecordProbe(Map<String, Object> clientConfig, String topic) {
            Map<String, Object> config = new HashMap<>(clientConfig);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        public ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> matching) {
            return Awaitility.await("a matching record").atMost(Duration.ofSeconds(30))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                        return records.stream().filter(matching).findFirst();
                    }, java.util.Optional::isPresent)
                    .orElseThrow();
        }

        /** Every record on the topic up to its end as of now. */
        public List<ConsumerRecord<String, String>> readToEnd() {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            Awaitility.await("the end of the topic").atMost(Duration.ofSeconds(30))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                    });
            return List.copyOf(records);
        }

        public static String header(ConsumerRecord<String, String> record, String name) {
            Header h = record.headers().lastHeader(name);
            return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
