package org.onecall.notifier;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.events.EventEnvelope;
import org.onecall.events.ServiceAccess;
import org.onecall.events.Topics;
import org.onecall.testsupport.SecureKafkaBrokerExtension;
import org.onecall.testsupport.TestKafka;

/**
 * The notifier signed in as its own principal on a broker with SASL/SCRAM and ACLs: it reads the
 * offers dispatch-api writes, in its own group, and parks what it cannot read on the dead-letter
 * topic, with only the rights {@link ServiceAccess} gives it.
 */
@MicronautTest(environments = {NotifierApp.ENVIRONMENT, "test"}, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SecureKafkaBrokerExtension.class)
class SecureNotifierTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    private TestKafka dispatchApi;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(SecureKafkaBrokerExtension.serviceProperties(ServiceAccess.NOTIFIER));
        p.put("datasources.notifier.url", DeliveryFlowTest.h2Url());
        return p;
    }

    @BeforeAll
    void open() {
        dispatchApi = new TestKafka(SecureKafkaBrokerExtension.clientConfig(ServiceAccess.DISPATCH_API));
    }

    @AfterAll
    void close() {
        dispatchApi.close();
    }

    @Test
    void anOfferFromDispatchApiIsDelivered() {
        String community = TestKafka.newCommunity();
        long volunteerId = TestKafka.newId();
        EventEnvelope offer = dispatchApi.publishNeedEvent(
                DeliveryFlowTest.offer(volunteerId, "MEDICINE", "幸福里小区3号楼附近", 350), community);

        JsonNode delivery = await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode all = DeliveryFlowTest.read(http.toBlocking().retrieve(
                    HttpRequest.GET("/notify/volunteers/" + volunteerId + "/deliveries"), String.class));
            return all.size() == 1 ? all.get(0) : null;
        }, d -> d != null);
        assertEquals(offer.eventId().toString(), delivery.get("eventId").asText());
    }

    @Test
    void aMalformedMessageIsDeadLetteredUnderTheNotifiersName() {
        String community = TestKafka.newCommunity();
        String malformed = "not an envelope, for the secured notifier " + community;
        dispatchApi.send(Topics.NEEDS, community, malformed);
        try (TestKafka.RecordProbe deadLetters = new TestKafka.RecordProbe(
                SecureKafkaBrokerExtension.clientConfig(SecureKafkaBrokerExtension.ADMIN), Topics.DEAD_LETTER)) {
            ConsumerRecord<String, String> parked = deadLetters.await(r -> malformed.equals(r.value()));
            assertTrue(TestKafka.RecordProbe.header(parked, Topics.HEADER_DLQ_SOURCE).startsWith(NeedsListener.CONSUMER));
        }
    }

    @Test
    void healthSaysKafkaIsUpWithTheNotifiersRightsOnly() {
        JsonNode health = DeliveryFlowTest.read(http.toBlocking().retrieve("/health", String.class));
        assertEquals("UP", health.at("/details/kafka/status").asText(), health.toString());
    }
}
