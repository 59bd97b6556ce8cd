package org.onecall.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.events.EventEnvelope;
import org.onecall.events.LoopEvents.PairingVisitMissed;
import org.onecall.testsupport.KafkaBrokerExtension;
import org.onecall.testsupport.TestKafka;

/**
 * A missed one-to-one visit (一帮一) reaches the leaders it names, who are volunteers: on their page,
 * and by SMS for a leader who chose texts (issue 16: the team leader, then the grid leader, is alerted).
 */
@MicronautTest(environments = {NotifierApp.ENVIRONMENT, "test"}, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(KafkaBrokerExtension.class)
class MissedVisitAlertTest implements TestPropertyProvider {

    @Inject
    Deliveries deliveries;

    @Inject
    DeliveryRepository rows;

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
    void theTeamLeaderOnThePageAndTheGridLeaderByTextAreBothTold() {
        String community = TestKafka.newCommunity();
        long teamLeader = TestKafka.newId();
        long gridLeader = TestKafka.newId();
        deliveries.choose(gridLeader, ChannelPreference.Channels.SMS);
        // Tuesday 09:00-11:00 in Shanghai, missed for the second time in a row
        PairingVisitMissed missed = new PairingVisitMissed(TestKafka.newId(), TestKafka.newId(), TestKafka.newId(),
                TestKafka.newId(), Instant.parse("2026-12-08T01:00:00Z"), Instant.parse("2026-12-08T03:00:00Z"), 2,
                List.of(teamLeader, gridLeader), List.of());

        EventEnvelope envelope = kafka.publishNeedEvent(missed, community);

        JsonNode page = DeliveryFlowTest.read(await(envelope, Deliveries.SSE, teamLeader).body());
        assertEquals("一帮一走访未完成：12月8日 09:00–11:00 的走访没有记录（已连续 2 次），请联系结对志愿者跟进。",
                page.get("text").asText());
        assertTrue(page.get("textEn").asText().contains("2 in a row"), page.toString());
        JsonNode text = DeliveryFlowTest.read(await(envelope, Deliveries.SMS, gridLeader).body());
        assertEquals("STAFF_NOTICE", text.get("template").asText());
        assertEquals("一帮一", text.get("params").get("level").asText());
        assertTrue(rows.findByEventIdAndChannelAndRecipient(envelope.eventId(), Deliveries.SSE,
                Deliveries.recipient(gridLeader)).isEmpty(), "the grid leader chose texts only");
    }

    private Delivery await(EventEnvelope envelope, String channel, long volunteerId) {
        return org.awaitility.Awaitility.await("a " + channel + " delivery of " + envelope.eventId())
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> rows.findByEventIdAndChannelAndRecipient(envelope.eventId(), channel,
                        Deliveries.recipient(volunteerId)), Optional::isPresent)
                .orElseThrow();
    }
}
