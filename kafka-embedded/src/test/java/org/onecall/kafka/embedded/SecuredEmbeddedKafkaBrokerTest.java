package org.onecall.kafka.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's side of {@link BrokerSecurity} across restarts: credentials and ACLs follow the
 * accounts given at each start, a plain broker's directory can be secured, and the controller
 * listener is closed to anyone without this process's password. (What each OneCall service may do
 * is tested with the real table in test-support's SecureKafkaBrokerExtensionTest.)
 */
class SecuredEmbeddedKafkaBrokerTest {

    static final String ADMIN_PASSWORD = "admin-password-1";

    @TempDir
    Path dir;

    @Test
    void aRestartAppliesChangedPasswordsAndTakesBackGrantsNoLongerListed() throws Exception {
        BrokerSecurity before = new BrokerSecurity(ADMIN_PASSWORD, List.of(
                new BrokerSecurity.Account("svc", "svc-password-1", Set.of("first"), Set.of(), Set.of())));
        int port;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0, before)) {
            broker.createTopics(List.of("first", "second"), List.of(), 1);
            produce(broker.clientConfig(BrokerSecurity.ADMIN, ADMIN_PASSWORD), "first", "one");
            produce(broker.clientConfig(BrokerSecurity.ADMIN, ADMIN_PASSWORD), "second", "two");
            assertEquals("one", readFirst(broker.clientConfig("svc", "svc-password-1"), "first"));
            port = port(broker);
        }

        BrokerSecurity after = new BrokerSecurity(ADMIN_PASSWORD, List.of(
                new BrokerSecurity.Account("svc", "svc-password-2", Set.of("second"), Set.of(), Set.of())));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, port, after)) {
            assertEquals("two", readFirst(broker.clientConfig("svc", "svc-password-2"), "second"));
            ExecutionException stale = assertThrows(ExecutionException.class,
                    () -> describe(broker.clientConfig("svc", "svc-password-1")));
            assertInstanceOf(SaslAuthenticationException.class, stale.getCause(), "the old password no longer signs in");
            assertThrows(TopicAuthorizationException.class, () -> readFirst(broker.clientConfig("svc", "svc-password-2"), "first"),
                    "the grant on 'first' was taken back");
        }
    }

    @Test
    void aPlainBrokersDirectoryIsSecuredAndKeepsItsRecords() throws Exception {
        int port;
        String clusterId;
        try (EmbeddedKafkaBroker plain = EmbeddedKafkaBroker.start(dir, 0)) {
            plain.createTopics(List.of("kept"), List.of(), 1);
            produce(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plain.bootstrapServers()), "kept", "from before");
            port = port(plain);
            clusterId = plain.clusterId();
        }

        BrokerSecurity security = new BrokerSecurity(ADMIN_PASSWORD, List.of(
                new BrokerSecurity.Account("svc", "svc-password-1", Set.of("kept"), Set.of(), Set.of())));
        try (EmbeddedKafkaBroker secured = EmbeddedKafkaBroker.start(dir, port, security)) {
            assertTrue(secured.isSecured());
            assertEquals(clusterId, secured.clusterId());
            assertEquals("from before", readFirst(secured.clientConfig("svc", "svc-password-1"), "kept"));
            assertRefusedWithoutSignIn(secured.bootstrapServers());
        }
    }

    @Test
    void theControllerListenerTakesOnlyThisProcesssOwnPassword() throws Exception {
        BrokerSecurity security = new BrokerSecurity(ADMIN_PASSWORD, List.of());
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0, security)) {
            String controller = broker.controllerServers();
            // without SASL the controller drops the connection: no answer at all
            assertRefused(Map.of(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, controller));
            // with a guessed password for its PLAIN user
            Map<String, Object> guess = new HashMap<>(SecureSettings.internalClient("a-guessed-password"));
            guess.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, controller);
            ExecutionException e = assertThrows(ExecutionException.class, () -> describe(guess));
            assertInstanceOf(SaslAuthenticationException.class, e.getCause());
            // the admin's SCRAM password is no good there either: the controller takes PLAIN only
            Map<String, Object> admin = new HashMap<>(broker.clientConfig(BrokerSecurity.ADMIN, ADMIN_PASSWORD));
            admin.remove(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
            admin.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, controller);
            e = assertThrows(ExecutionException.class, () -> describe(admin));
            assertInstanceOf(org.apache.kafka.common.errors.AuthenticationException.class, e.getCause());
        }
    }

    @Test
    void accountsAndPasswordsAreCheckedBeforeAnythingStarts() {
        assertThrows(IllegalArgumentException.class, () -> new BrokerSecurity("short", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new BrokerSecurity(ADMIN_PASSWORD, List.of(
                new BrokerSecurity.Account("svc", "has\"quote", Set.of(), Set.of(), Set.of()))));
        assertThrows(IllegalArgumentException.class, () -> new BrokerSecurity(ADMIN_PASSWORD, List.of(
                new BrokerSecurity.Account("svc", "password-1", Set.of(), Set.of(), Set.of()),
                new BrokerSecurity.Account("svc", "password-2", Set.of(), Set.of(), Set.of()))));
        assertThrows(IllegalArgumentException.class, () -> new BrokerSecurity(ADMIN_PASSWORD, List.of(
                new BrokerSecurity.Account("admin", "password-1", Set.of(), Set.of(), Set.of()))),
                "admin is the super user, not an account with grants");
        assertThrows(IllegalArgumentException.class, () -> new BrokerSecurity(ADMIN_PASSWORD, List.of(
                new BrokerSecurity.Account(SecureSettings.INTERNAL_USER, "password-1", Set.of(), Set.of(), Set.of()))),
                "a SCRAM user named like the controller's PLAIN user would be a super user");
        String jaas = (String) BrokerSecurity.clientSettings("svc", "password-1").get(SaslConfigs.SASL_JAAS_CONFIG);
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"password-1\";", jaas);
    }

    // ---------------------------------------------------------------------------------------------

    static int port(EmbeddedKafkaBroker broker) {
        String bootstrap = broker.bootstrapServers();
        return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    }

    static void produce(Map<String, Object> client, String topic, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", value)).get(10, TimeUnit.SECONDS);
        }
    }

    /** The first value of a one-partition topic, read without a group; throws what the consumer throws. */
    static String readFirst(Map<String, Object> client, String topic) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                return !seen.isEmpty();
            });
            return seen.get(0).value();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("nothing read from " + topic, e);
        }
    }

    static void describe(Map<String, Object> client) throws Exception {
        try (Admin admin = Admin.create(client)) {
            admin.describeCluster().nodes().get(20, TimeUnit.SECONDS);
        }
    }

    /** A client that does not sign in gets no answer at all: the listener drops it. */
    static void assertRefusedWithoutSignIn(String bootstrap) {
        assertRefused(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    static void assertRefused(Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1500);
        try (Admin admin = Admin.create(config)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, e.getCause());
        }
    }
}
