package org.onecall.notifier;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.NeedEvents.OfferAccepted;
import org.onecall.events.NeedEvents.OfferMade;
import org.onecall.events.Topics;
import org.onecall.testsupport.KafkaBrokerExtension;
import org.onecall.testsupport.TestKafka;

/** Offers in over Kafka, delivery records out over HTTP; once per event, whatever Kafka redelivers. */
@MicronautTest(environments = {NotifierApp.ENVIRONMENT, "test"}, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(KafkaBrokerExtension.class)
class DeliveryFlowTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    private TestKafka kafka;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers(),
                "datasources.notifier.url", h2Url());
    }

    static String h2Url() {
        return "jdbc:h2:mem:notifier-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    @BeforeAll
    void open() {
        kafka = new TestKafka();
    }

    @AfterAll
    void close() {
        kafka.close();
    }

    @Test
    void anOfferIsDeliveredToTheVolunteerOnceEvenWhenKafkaDeliversItTwice() {
        String community = TestKafka.newCommunity();
        long volunteerId = TestKafka.newId();
        OfferMade offer = offer(volunteerId, "MEDICINE", "幸福里小区3号楼附近", 350);
        EventEnvelope envelope = EventEnvelope.of(offer, community, Clock.systemUTC());
        String json = EventJson.write(envelope);

        kafka.send(Topics.NEEDS, community, json);

        JsonNode delivery = awaitDelivery(volunteerId, envelope.eventId());
        assertEquals("volunteer-" + volunteerId, delivery.get("recipient").asText());
        assertEquals("SSE", delivery.get("channel").asText());
        assertEquals("OfferMade", delivery.get("kind").asText());
        assertEquals(offer.needId(), delivery.get("needId").asLong());
        JsonNode body = read(delivery.get("body").asText());
        assertEquals(offer.offerId(), body.get("offerId").asLong());
        assertEquals(envelope.eventId().toString(), body.get("eventId").asText());
        String text = body.get("text").asText();
        assertTrue(text.contains("代购药品"), text);
        assertTrue(text.contains("幸福里小区3号楼附近"), text);
        assertTrue(text.contains("350"), text);
        assertTrue(body.get("textEn").asText().contains("Medicine"), body.get("textEn").asText());

        // the same envelope again (a redelivery), then an event without a volunteer audience, then a new offer
        kafka.send(Topics.NEEDS, community, json);
        kafka.publishNeedEvent(new OfferAccepted(offer.offerId(), offer.needId(), volunteerId), community);
        EventEnvelope next = kafka.publishNeedEvent(offer(volunteerId, "REPAIRS", "幸福里小区5号楼", 120), community);
        JsonNode nextDelivery = awaitDelivery(volunteerId, next.eventId());
        assertTrue(read(nextDelivery.get("body").asText()).get("text").asText().contains("维修"));

        // the new offer came after the redelivery in the same partition: the redelivery was consumed
        List<JsonNode> all = deliveries(volunteerId);
        assertEquals(1, all.stream().filter(d -> d.get("eventId").asText().equals(envelope.eventId().toString())).count(),
                "a redelivered event is not delivered twice");
        assertEquals(2, all.size(), "two offers, two deliveries: " + all);
        assertEquals(next.eventId().toString(), all.get(0).get("eventId").asText(), "newest first");
        // and quietly: a redelivery is not an error, so it is not dead-lettered either
        try (TestKafka.RecordProbe deadLetters = new TestKafka.RecordProbe(Topics.DEAD_LETTER)) {
            assertTrue(deadLetters.readToEnd().stream().noneMatch(r -> json.equals(r.value())),
                    "the redelivered offer was dead-lettered");
        }
    }

    @Test
    void aMalformedMessageIsDeadLetteredWithTheReasonAndConsumptionContinues() {
        String community = TestKafka.newCommunity();
        long volunteerId = TestKafka.newId();
        String malformed = "{\"this is\": \"not an envelope of " + community + "\"}";

        kafka.send(Topics.NEEDS, community, malformed);
        EventEnvelope after = kafka.publishNeedEvent(offer(volunteerId, "MEALS", "和平路12号", 80), community);

        try (TestKafka.RecordProbe deadLetters = new TestKafka.RecordProbe(Topics.DEAD_LETTER)) {
            ConsumerRecord<String, String> parked = deadLetters.await(r -> malformed.equals(r.value()));
            assertEquals(community, parked.key());
            String reason = TestKafka.RecordProbe.header(parked, Topics.HEADER_DLQ_REASON);
            assertNotNull(reason);
            assertTrue(reason.startsWith("not an event envelope"), reason);
            String source = TestKafka.RecordProbe.header(parked, Topics.HEADER_DLQ_SOURCE);
            assertTrue(source.startsWith(NeedsListener.CONSUMER + "@" + Topics.NEEDS + "/"), source);
        }
        JsonNode delivery = awaitDelivery(volunteerId, after.eventId());
        assertTrue(read(delivery.get("body").asText()).get("text").asText().contains("送餐/吃饭"));
    }

    static OfferMade offer(long volunteerId, String category, String place, int distance) {
        return new OfferMade(TestKafka.newId(), TestKafka.newId(), volunteerId, category, "NORMAL", place, distance,
                Instant.now().plus(15, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS));
    }

    private JsonNode awaitDelivery(long volunteerId, UUID eventId) {
        return await("a delivery of " + eventId).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> deliveries(volunteerId).stream()
                        .filter(d -> d.get("eventId").asText().equals(eventId.toString())).findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    private List<JsonNode> deliveries(long volunteerId) {
        String json = http.toBlocking().retrieve(
                HttpRequest.GET("/notify/volunteers/" + volunteerId + "/deliveries"), String.class);
        JsonNode array = read(json);
        assertTrue(array.isArray(), json);
        return new ArrayList<>(StreamSupport.stream(array.spliterator(), false).toList());
    }

    static JsonNode read(String json) {
        try {
            return EventJson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
