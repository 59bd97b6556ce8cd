package org.onecall.notifier;

import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.onecall.events.EventEnvelope;
import org.onecall.testsupport.KafkaBrokerExtension;
import org.onecall.testsupport.TestKafka;

/**
 * What the notifier's tests on the test broker share: the broker and an H2 database for the service, a
 * producer to publish events with, and waiting for the delivery an event makes to a volunteer.
 * Subclasses carry {@code @MicronautTest}, {@code PER_CLASS} and {@code @ExtendWith(KafkaBrokerExtension.class)}.
 */
abstract class NotifierBrokerTest implements TestPropertyProvider {

    @Inject
    DeliveryRepository rows;

    TestKafka kafka;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers(),
                "datasources.notifier.url", DeliveryFlowTest.h2Url());
    }

    @BeforeAll
    void openKafka() {
        kafka = new TestKafka();
    }

    @AfterAll
    void closeKafka() {
        kafka.close();
    }

    Delivery awaitDelivery(EventEnvelope envelope, String channel, long volunteerId) {
        return org.awaitility.Awaitility.await("a " + channel + " delivery of " + envelope.eventId())
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> rows.findByEventIdAndChannelAndRecipient(envelope.eventId(), channel,
                        Deliveries.recipient(volunteerId)), Optional::isPresent)
                .orElseThrow();
    }
}
