package org.onecall.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
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
class MissedVisitAlertTest extends NotifierBrokerTest {

    @Inject
    Deliveries deliveries;



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

        JsonNode page = DeliveryFlowTest.read(awaitDelivery(envelope, Deliveries.SSE, teamLeader).body());
        assertEquals("一帮一走访未完成：12月8日 09:00–11:00 的走访没有记录（已连续 2 次），请联系结对志愿者跟进。",
                page.get("text").asText());
        assertTrue(page.get("textEn").asText().contains("2 in a row"), page.toString());
        JsonNode text = DeliveryFlowTest.read(awaitDelivery(envelope, Deliveries.SMS, gridLeader).body());
        assertEquals("STAFF_NOTICE", text.get("template").asText());
        assertEquals("一帮一", text.get("params").get("level").asText());
        assertTrue(rows.findByEventIdAndChannelAndRecipient(envelope.eventId(), Deliveries.SSE,
                Deliveries.recipient(gridLeader)).isEmpty(), "the grid leader chose texts only");
    }

}
