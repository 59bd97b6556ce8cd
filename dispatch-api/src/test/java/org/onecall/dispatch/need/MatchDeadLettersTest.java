package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.DispatchTest;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.Topics;
import org.onecall.testsupport.KafkaBrokerExtension;

/** What cannot be read on {@link Topics#MATCHES} is parked with its reason, and what follows is still applied. */
abstract class MatchDeadLettersTest extends DispatchTest {

    @Test
    void unreadableMatchesGoToTheDeadLetterTopicWithAReasonAndTheConsumerGoesOn() {
        String community = api.community();
        long household = api.household(community);
        long volunteer = api.volunteer(community);
        long id = api.raise(household).get("id").asLong();

        String notJson = "这不是事件 " + community;
        EventEnvelope unknownType = envelope(community, id, "MatchGuessed",
                EventJson.MAPPER.createObjectNode().put("needId", id));
        EventEnvelope misfit = envelope(community, id, "MatchProposed",
                EventJson.MAPPER.createObjectNode().put("needId", "第一个").put("attempt", 1));
        matcher.sendRaw(community, notJson);
        matcher.sendRaw(community, EventJson.write(unknownType));
        matcher.sendRaw(community, EventJson.write(misfit));
        matcher.propose(community, id, 1, volunteer);

        eventually().until(() -> api.need(id).get("status").asText().equals("OFFERED"));

        Map<String, ConsumerRecord<String, String>> parked = deadLetters(community, 3);
        assertTrue(reason(parked.get(notJson)).contains("not an event envelope"), () -> reason(parked.get(notJson)));
        assertTrue(reason(parked.get(EventJson.write(unknownType))).contains("unknown event type MatchGuessed"));
        assertTrue(reason(parked.get(EventJson.write(misfit))).contains("payload does not fit MatchProposed"));
        parked.values().forEach(r -> assertTrue(header(r, Topics.HEADER_DLQ_SOURCE).contains(Topics.MATCHES)));

        // a parked record's effects were rolled back, its inbox entry too: a fixed copy could still be applied
        for (EventEnvelope bad : List.of(unknownType, misfit)) {
            assertEquals(0, db.count("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", bad.eventId()));
        }
        assertEquals(1, db.count("SELECT COUNT(*) FROM offer WHERE need_id = ?", id));
    }

    private static EventEnvelope envelope(String community, long needId, String type, ObjectNode payload) {
        return new EventEnvelope(UUID.randomUUID(), type, EventEnvelope.SCHEMA_VERSION, Instant.now(), community,
                "need-" + needId, payload);
    }

    /** The records of this community on the dead-letter topic, by value, once there are {@code count} of them. */
    private static Map<String, ConsumerRecord<String, String>> deadLetters(String community, int count) {
        Map<String, ConsumerRecord<String, String>> byValue = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.DEAD_LETTER)
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            eventually().until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    if (community.equals(r.key())) {
                        byValue.put(r.value(), r);
                    }
                }
                return byValue.size() >= count;
            });
        }
        assertEquals(count, byValue.size(), byValue::toString);
        return byValue;
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return header(record, Topics.HEADER_DLQ_REASON);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
