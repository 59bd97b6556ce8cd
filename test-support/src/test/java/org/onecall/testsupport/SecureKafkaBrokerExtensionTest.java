package org.onecall.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.events.ServiceAccess;
import org.onecall.events.Topics;

/**
 * The broker as the services meet it: nobody gets in without signing in, and each service's
 * principal may do exactly what {@link ServiceAccess} lists, checked against every topic and group.
 */
@ExtendWith(SecureKafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureKafkaBrokerExtensionTest {

    static final List<String> GROUPS = List.of(ServiceAccess.GROUP_DISPATCH_MATCHES, ServiceAccess.GROUP_DISPATCH_INTAKE,
            ServiceAccess.GROUP_MATCHER, ServiceAccess.GROUP_NOTIFIER);

    /** One record on every topic, written by the admin, so a reader either reads it or is refused. */
    @BeforeAll
    void aRecordOnEveryTopic() throws Exception {
        try (KafkaProducer<String, String> admin = producer(SecureKafkaBrokerExtension.ADMIN)) {
            for (String topic : Topics.ALL) {
                for (int partition = 0; partition < KafkaBrokerExtension.PARTITIONS; partition++) {
                    admin.send(new ProducerRecord<>(topic, partition, "k", "written by the admin")).get(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void aClientThatDoesNotSignInGetsNoAnswer() {
        Map<String, Object> config = new HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SecureKafkaBrokerExtension.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1500));
        try (Admin anonymous = Admin.create(config)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> anonymous.listTopics().names().get(10, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, e.getCause(), "the SASL listener drops a client that does not sign in");
        }
        Map<String, Object> producerConfig = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SecureKafkaBrokerExtension.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1500));
        try (KafkaProducer<String, String> anonymous = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> anonymous.send(new ProducerRecord<>(Topics.NEEDS, "c", "forged")).get(10, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, e.getCause(), "an anonymous producer cannot even learn the topic's partitions");
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> config = new HashMap<>(SecureKafkaBrokerExtension.broker()
                .clientConfig(ServiceAccess.DISPATCH_API, SecureKafkaBrokerExtension.password(ServiceAccess.MATCHER)));
        try (Admin impostor = Admin.create(config)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> impostor.describeCluster().nodes().get(10, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, e.getCause());
        }
    }

    @Test
    void theMatcherCannotForgeANeedNorReadWhatItDoesNotConsume() {
        try (KafkaProducer<String, String> matcher = producer(ServiceAccess.MATCHER)) {
            ExecutionException forged = assertThrows(ExecutionException.class,
                    () -> matcher.send(new ProducerRecord<>(Topics.NEEDS, "c-1", "{\"type\":\"NeedRaised\"}")).get(10, TimeUnit.SECONDS));
            assertInstanceOf(TopicAuthorizationException.class, forged.getCause());
            assertEquals(Set.of(Topics.NEEDS), ((TopicAuthorizationException) forged.getCause()).unauthorizedTopics());
        }
        assertInstanceOf(TopicAuthorizationException.class, read(ServiceAccess.MATCHER, Topics.INTAKE));
        assertInstanceOf(TopicAuthorizationException.class, read(ServiceAccess.MATCHER, Topics.MATCHES),
                "it writes proposals but does not read them back");
        assertInstanceOf(TopicAuthorizationException.class, read(ServiceAccess.MATCHER, Topics.DEAD_LETTER));
        assertInstanceOf(GroupAuthorizationException.class, commit(ServiceAccess.MATCHER, ServiceAccess.GROUP_DISPATCH_MATCHES),
                "nor take dispatch-api's place in its consumer group");
    }

    @Test
    void dispatchApiCanDoWhatItNeeds() throws Exception {
        try (KafkaProducer<String, String> dispatch = producer(ServiceAccess.DISPATCH_API)) {
            for (String topic : List.of(Topics.NEEDS, Topics.RESOURCES, Topics.ACCOUNTS, Topics.DEAD_LETTER)) {
                dispatch.send(new ProducerRecord<>(topic, "c-1", "written by dispatch-api")).get(10, TimeUnit.SECONDS);
            }
        }
        assertEquals(null, read(ServiceAccess.DISPATCH_API, Topics.MATCHES));
        assertEquals(null, read(ServiceAccess.DISPATCH_API, Topics.INTAKE));
        assertEquals(null, commit(ServiceAccess.DISPATCH_API, ServiceAccess.GROUP_DISPATCH_MATCHES));
        assertEquals(null, commit(ServiceAccess.DISPATCH_API, ServiceAccess.GROUP_DISPATCH_INTAKE));
        try (KafkaProducer<String, String> dispatch = producer(ServiceAccess.DISPATCH_API)) {
            ExecutionException forged = assertThrows(ExecutionException.class,
                    () -> dispatch.send(new ProducerRecord<>(Topics.MATCHES, "c-1", "{\"type\":\"MatchProposed\"}")).get(10, TimeUnit.SECONDS));
            assertInstanceOf(TopicAuthorizationException.class, forged.getCause(), "nor can dispatch-api forge a proposal");
        }
    }

    /** Every principal against every topic and group: allowed exactly where ServiceAccess says. */
    @Test
    void eachServiceMayDoExactlyWhatServiceAccessLists() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (ServiceAccess.Grant grant : ServiceAccess.SERVICES) {
            String who = grant.principal();
            try (KafkaProducer<String, String> producer = producer(who)) {
                for (String topic : Topics.ALL) {
                    boolean allowed = written(producer, topic);
                    if (allowed != grant.writes().contains(topic)) {
                        wrong.add(who + (allowed ? " may" : " may not") + " write " + topic);
                    }
                }
            }
            for (String topic : Topics.ALL) {
                Exception refused = read(who, topic);
                if ((refused == null) != grant.reads().contains(topic)) {
                    wrong.add(who + (refused == null ? " may" : " may not (" + refused + ")") + " read " + topic);
                }
            }
            for (String group : GROUPS) {
                Exception refused = commit(who, group);
                if ((refused == null) != grant.groups().contains(group)) {
                    wrong.add(who + (refused == null ? " may" : " may not (" + refused + ")") + " use group " + group);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void noServiceMayCreateTopicsOrChangeAcls() {
        for (ServiceAccess.Grant grant : ServiceAccess.SERVICES) {
            try (Admin admin = Admin.create(SecureKafkaBrokerExtension.clientConfig(grant.principal()))) {
                ExecutionException created = assertThrows(ExecutionException.class, () -> admin.createTopics(
                        List.of(new NewTopic("onecall.sneaky-" + UUID.randomUUID(), 1, (short) 1))).all().get(10, TimeUnit.SECONDS));
                assertInstanceOf(AuthorizationException.class, created.getCause(), grant.principal());
                ExecutionException acls = assertThrows(ExecutionException.class,
                        () -> admin.describeAcls(AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS));
                assertInstanceOf(AuthorizationException.class, acls.getCause(), grant.principal());
            }
        }
    }

    @Test
    void theTopicsAndGroupsInTheTableAreOneCallsOwn() {
        Set<String> topics = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        ServiceAccess.SERVICES.forEach(g -> {
            topics.addAll(g.reads());
            topics.addAll(g.writes());
            groups.addAll(g.groups());
        });
        assertTrue(Topics.ALL.containsAll(topics), "a grant names a topic that does not exist: " + topics);
        assertEquals(new TreeSet<>(GROUPS), groups);
        assertEquals(ServiceAccess.combined("onecall").reads(), new TreeSet<>(List.of(Topics.NEEDS, Topics.RESOURCES,
                Topics.MATCHES, Topics.INTAKE, Topics.ACCOUNTS)));
    }

    // ---------------------------------------------------------------------------------------------

    static KafkaProducer<String, String> producer(String principal) {
        Map<String, Object> config = new HashMap<>(SecureKafkaBrokerExtension.clientConfig(principal));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    static boolean written(KafkaProducer<String, String> producer, String topic) throws Exception {
        try {
            producer.send(new ProducerRecord<>(topic, "c-matrix", "matrix")).get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException) {
                return false;
            }
            throw e;
        }
    }

    /** Null when {@code principal} read a record of {@code topic} (without a group), else why it could not. */
    static Exception read(String principal, String topic) {
        Map<String, Object> config = new HashMap<>(SecureKafkaBrokerExtension.clientConfig(principal));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < KafkaBrokerExtension.PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                return !seen.isEmpty();
            });
            return null;
        } catch (AuthorizationException e) {
            return e;
        }
    }

    /** Null when {@code principal} committed an offset in {@code group} (on a topic it may read), else why it could not. */
    static Exception commit(String principal, String group) {
        ServiceAccess.Grant grant = ServiceAccess.of(principal);
        String topic = grant.reads().iterator().next();
        Map<String, Object> config = new HashMap<>(SecureKafkaBrokerExtension.clientConfig(principal));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            // the committed position of a live group's partition is not this test's to move: write back what is there
            OffsetAndMetadata current = consumer.committed(Set.of(partition), Duration.ofSeconds(10)).get(partition);
            consumer.commitSync(Map.of(partition, current == null ? new OffsetAndMetadata(0) : current), Duration.ofSeconds(10));
            return null;
        } catch (AuthorizationException e) {
            return e;
        }
    }
}
