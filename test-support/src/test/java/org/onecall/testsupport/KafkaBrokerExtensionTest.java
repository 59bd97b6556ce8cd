package org.onecall.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.NeedEvents.NeedUnmatched;
import org.onecall.events.Topics;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerExtensionTest {

    @Test
    void theOneCallTopicsExistWithThreePartitionsAndResourcesIsCompacted() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerExtension.bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames()
                    .get(10, TimeUnit.SECONDS);
            for (String topic : Topics.ALL) {
                assertEquals(3, topics.get(topic).partitions().size(), topic);
            }
            ConfigResource resources = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RESOURCES);
            assertEquals("compact", admin.describeConfigs(List.of(resources)).all().get()
                    .get(resources).get("cleanup.policy").value());
        }
    }

    @Test
    void theProbeFindsAnEventPublishedToNeeds() throws Exception {
        String unrelated = EventJson.write(EventEnvelope.of(new NeedUnmatched(4, 1, "nobody free"), "c1", Clock.systemUTC()));
        String wanted = EventJson.write(EventEnvelope.of(new NeedUnmatched(5, 1, "nobody free"), "c1", Clock.systemUTC()));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.NEEDS, "c1", "not json")).get();
            producer.send(new ProducerRecord<>(Topics.NEEDS, "c1", unrelated)).get();
            producer.send(new ProducerRecord<>(Topics.NEEDS, "c1", wanted)).get();
        }

        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            assertEquals(wanted, needs.await(TopicProbe.event(NeedUnmatched.class, "need-5")));
            assertTrue(needs.values().containsAll(List.of("not json", unrelated, wanted)));
            assertThrows(ConditionTimeoutException.class,
                    () -> needs.await(TopicProbe.event(NeedUnmatched.class, "need-6"), Duration.ofMillis(500)));
        }
    }

    @Test
    void aProbeOnAMissingTopicWaitsForItAndDoesNotCreateIt() {
        try (TopicProbe probe = TopicProbe.open("test.not-there")) {
            assertTrue(probe.values().isEmpty());
            assertThrows(ConditionTimeoutException.class, () -> probe.await(v -> true, Duration.ofMillis(300)));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerExtension.bootstrapServers()))) {
            assertTrue(!admin.listTopics().names().toCompletionStage().toCompletableFuture().join()
                    .contains("test.not-there"));
        }
    }
}
