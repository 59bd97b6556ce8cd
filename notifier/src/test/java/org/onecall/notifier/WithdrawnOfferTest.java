package org.onecall.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.NeedEvents.OfferWithdrawn;
import org.onecall.events.Topics;
import org.onecall.testsupport.KafkaBrokerExtension;
import org.onecall.testsupport.TestKafka;

/** A volunteer whose pending offer was taken back (C3) is told not to go, on their channels, once. */
@MicronautTest(environments = {NotifierApp.ENVIRONMENT, "test"}, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(KafkaBrokerExtension.class)
class WithdrawnOfferTest extends NotifierBrokerTest {

    @Inject
    Deliveries deliveries;



    @Test
    void aVolunteerOnThePageIsToldAnotherAcceptedFirstOnceEvenWhenKafkaDeliversItTwice() {
        String community = TestKafka.newCommunity();
        long volunteerId = TestKafka.newId();
        OfferWithdrawn w = new OfferWithdrawn(TestKafka.newId(), TestKafka.newId(), volunteerId,
                "another volunteer accepted first");
        EventEnvelope envelope = EventEnvelope.of(w, community, Clock.systemUTC());
        String json = EventJson.write(envelope);

        kafka.send(Topics.NEEDS, community, json);
        kafka.send(Topics.NEEDS, community, json);

        Delivery sse = awaitDelivery(envelope, Deliveries.SSE, volunteerId);
        assertEquals("OfferWithdrawn", sse.kind());
        assertEquals(w.needId(), sse.needId());
        JsonNode body = DeliveryFlowTest.read(sse.body());
        assertEquals(w.offerId(), body.get("offerId").asLong());
        assertEquals("任务 #" + w.needId() + " 已由他人接单，无需前往。", body.get("text").asText());
        assertTrue(body.get("textEn").asText().contains("another volunteer"), body.get("textEn").asText());
        // a later event of the same partition was consumed, so the redelivery was too
        EventEnvelope later = kafka.publishNeedEvent(DeliveryFlowTest.offer(volunteerId, "MEALS", "和平路12号", 80),
                community);
        awaitDelivery(later, Deliveries.SSE, volunteerId);
        List<Delivery> all = rows.findTop50ByRecipientOrderByIdDesc(Deliveries.recipient(volunteerId));
        assertEquals(1, all.stream().filter(d -> d.eventId().equals(envelope.eventId())).count(), all.toString());
        assertTrue(all.stream().noneMatch(d -> d.channel().equals(Deliveries.SMS)), "no SMS for a page-only volunteer");
    }

    @Test
    void aVolunteerWhoChoseTextsGetsAnSmsThatTheNeedWasCancelled() {
        String community = TestKafka.newCommunity();
        long volunteerId = TestKafka.newId();
        deliveries.choose(volunteerId, ChannelPreference.Channels.BOTH);
        OfferWithdrawn w = new OfferWithdrawn(TestKafka.newId(), TestKafka.newId(), volunteerId, "the need was cancelled");

        EventEnvelope envelope = kafka.publishNeedEvent(w, community);

        Delivery sms = awaitDelivery(envelope, Deliveries.SMS, volunteerId);
        JsonNode body = DeliveryFlowTest.read(sms.body());
        assertEquals("JOB_UPDATE", body.get("template").asText());
        assertEquals(String.valueOf(w.needId()), body.get("params").get("short").asText());
        assertEquals("已取消，无需前往", body.get("params").get("text").asText());
        Delivery sse = awaitDelivery(envelope, Deliveries.SSE, volunteerId);
        assertEquals("任务 #" + w.needId() + " 已取消，无需前往。", DeliveryFlowTest.read(sse.body()).get("text").asText());
    }

}
