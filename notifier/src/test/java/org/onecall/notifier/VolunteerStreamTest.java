package org.onecall.notifier;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.sse.SseClient;
import io.micronaut.http.sse.Event;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.events.EventEnvelope;
import org.onecall.events.NeedEvents.OfferMade;
import org.onecall.testsupport.KafkaBrokerExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import org.onecall.testsupport.TestKafka;

/** The volunteer's page listens on a real SSE connection. */
@MicronautTest(environments = {NotifierApp.ENVIRONMENT, "test"}, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(KafkaBrokerExtension.class)
class VolunteerStreamTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    SseClient sse;

    @Inject
    @Client("/")
    HttpClient http;

    private TestKafka kafka;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers(),
                "datasources.notifier.url", DeliveryFlowTest.h2Url());
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
    void aDeliveryMadeBeforeTheVolunteerConnectedIsReplayedOnConnect() {
        String community = TestKafka.newCommunity();
        long volunteerId = TestKafka.newId();
        OfferMade offer = DeliveryFlowTest.offer(volunteerId, "ERRANDS", "朝阳里社区东门", 260);
        EventEnvelope envelope = kafka.publishNeedEvent(offer, community);
        awaitRecorded(volunteerId, envelope);

        try (Stream stream = new Stream(volunteerId)) {
            Event<String> event = stream.await(envelope);
            assertOfferEvent(event, envelope, offer);
            assertTrue(read(event).get("text").asText().contains("代购代办"), event.getData());
        }
    }

    @Test
    void anOfferMadeWhileTheVolunteerIsConnectedIsPushedLive() {
        String community = TestKafka.newCommunity();
        long volunteerId = TestKafka.newId();
        // an earlier delivery: seeing its replay proves the stream is open (and subscribed to live ones)
        EventEnvelope earlier = kafka.publishNeedEvent(
                DeliveryFlowTest.offer(volunteerId, "MEALS", "朝阳里社区7号楼", 90), community);
        awaitRecorded(volunteerId, earlier);

        try (Stream stream = new Stream(volunteerId)) {
            stream.await(earlier);

            OfferMade offer = DeliveryFlowTest.offer(volunteerId, "MEDICINE", "朝阳里社区9号楼", 420);
            EventEnvelope live = kafka.publishNeedEvent(offer, community);

            Event<String> event = stream.await(live);
            assertOfferEvent(event, live, offer);
            assertTrue(read(event).get("text").asText().contains("代购药品"), event.getData());
        }
    }

    @Test
    void aStreamOnlyCarriesTheVolunteersOwnDeliveries() {
        String community = TestKafka.newCommunity();
        long volunteerId = TestKafka.newId();
        long someoneElse = TestKafka.newId();
        EventEnvelope earlier = kafka.publishNeedEvent(
                DeliveryFlowTest.offer(volunteerId, "MEALS", "北街1号", 90), community);
        awaitRecorded(volunteerId, earlier);

        try (Stream stream = new Stream(volunteerId)) {
            stream.await(earlier);
            EventEnvelope other = kafka.publishNeedEvent(
                    DeliveryFlowTest.offer(someoneElse, "MEALS", "北街2号", 90), community);
            EventEnvelope mine = kafka.publishNeedEvent(
                    DeliveryFlowTest.offer(volunteerId, "MEALS", "北街3号", 90), community);
            // same partition, published after the other volunteer's: once mine is here, theirs was handled
            stream.await(mine);
            awaitRecorded(someoneElse, other);
            assertTrue(stream.events().stream().noneMatch(e -> other.eventId().toString().equals(e.getId())),
                    "another volunteer's offer leaked into this stream");
        }
    }

    private static void assertOfferEvent(Event<String> event, EventEnvelope envelope, OfferMade offer) {
        assertEquals("OfferMade", event.getName());
        assertEquals(envelope.eventId().toString(), event.getId());
        JsonNode data = read(event);
        assertEquals(offer.offerId(), data.get("offerId").asLong());
        assertEquals(offer.needId(), data.get("needId").asLong());
        assertEquals(offer.category(), data.get("category").asText());
        assertEquals(offer.approximatePlace(), data.get("approximatePlace").asText());
    }

    private static JsonNode read(Event<String> event) {
        return DeliveryFlowTest.read(event.getData());
    }

    private void awaitRecorded(long volunteerId, EventEnvelope envelope) {
        await("the delivery of " + envelope.eventId()).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> http.toBlocking().retrieve(
                        HttpRequest.GET("/notify/volunteers/" + volunteerId + "/deliveries"), String.class)
                        .contains(envelope.eventId().toString()));
    }

    /** One open SSE connection, collecting what arrives. */
    private final class Stream implements AutoCloseable {
        private final List<Event<String>> events = new CopyOnWriteArrayList<>();
        private final List<Throwable> errors = new CopyOnWriteArrayList<>();
        private final Disposable subscription;

        Stream(long volunteerId) {
            subscription = Flux.from(sse.eventStream(
                            HttpRequest.GET("/notify/volunteers/" + volunteerId + "/stream"), String.class))
                    .subscribe(events::add, errors::add);
        }

        Event<String> await(EventEnvelope envelope) {
            return org.awaitility.Awaitility.await("SSE event " + envelope.eventId()).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        assertTrue(errors.isEmpty(), () -> "stream failed: " + errors);
                        return events.stream().filter(e -> envelope.eventId().toString().equals(e.getId()))
                                .findFirst();
                    }, java.util.Optional::isPresent)
                    .orElseThrow();
        }

        List<Event<String>> events() {
            return events;
        }

        @Override
        public void close() {
            subscription.dispose();
        }
    }
}
