package org.onecall.kafka.embedded;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    @TempDir
    Path dir;

    @Test
    void recordsAndClusterIdSurviveARestartOnTheSameDirAndPort() throws Exception {
        String clusterId;
        String bootstrap;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0)) {
            clusterId = broker.clusterId();
            bootstrap = broker.bootstrapServers();
            broker.createTopics(List.of("restart.test"), List.of(), 3);
            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                producer.send(new ProducerRecord<>("restart.test", "need-5", "hello")).get(10, TimeUnit.SECONDS);
            }
        }

        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, port)) {
            assertEquals(bootstrap, broker.bootstrapServers());
            assertEquals(clusterId, broker.clusterId());
            try (Admin admin = admin(bootstrap)) {
                assertEquals(clusterId, admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS));
            }
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
                consumer.subscribe(List.of("restart.test"));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                    return !seen.isEmpty();
                });
            }
            assertEquals("need-5", seen.get(0).key());
            assertEquals("hello", seen.get(0).value());
        }
    }

    @Test
    void createTopicsIsIdempotentAndMakesCompactedTopics() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0);
             Admin admin = admin(broker.bootstrapServers())) {
            broker.createTopics(List.of("plain", "latest"), List.of("latest"), 3);
            broker.createTopics(List.of("plain", "latest"), List.of("latest"), 3);

            assertTrue(admin.listTopics().names().get().containsAll(Set.of("plain", "latest")));
            assertEquals(3, admin.describeTopics(List.of("latest")).allTopicNames().get()
                    .get("latest").partitions().size());
            assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, cleanupPolicy(admin, "latest"));
            assertEquals(TopicConfig.CLEANUP_POLICY_DELETE, cleanupPolicy(admin, "plain"));
        }
    }

    @Test
    void aFixedPortIsUsed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, port)) {
            assertEquals("localhost:" + port, broker.bootstrapServers());
        }
    }

    private static String cleanupPolicy(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        return config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "restart-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
    }
}
