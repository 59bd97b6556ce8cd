package org.onecall.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.events.EventEnvelope;
import org.onecall.events.NeedEvents.NeedEscalated;
import org.onecall.testsupport.KafkaBrokerExtension;
import org.onecall.testsupport.TestKafka;

/**
 * Who an escalation reaches beyond the staff notices: at the team and grid leaders' rungs the leaders it names
 * (volunteers) on their page or by SMS as each chose; at the street office each named staff account by SMS (an
 * URGENT need's even in quiet hours); at the community's rung and at DEPARTMENT nobody by SMS.
 */
@MicronautTest(environments = {NotifierApp.ENVIRONMENT, "test"}, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(KafkaBrokerExtension.class)
class EscalationAlertTest extends NotifierBrokerTest {

    @Inject
    Deliveries deliveries;

    @Inject
    SmsDeliveryRepository sms;

    @Test
    void theTeamLeadersAreToldOnTheirPageOrByTextAsTheyChose() {
        String community = TestKafka.newCommunity();
        long onPage = TestKafka.newId();
        long byText = TestKafka.newId();
        deliveries.choose(byText, ChannelPreference.Channels.SMS);
        long need = TestKafka.newId();
        // climbs at 10:30 in Shanghai
        NeedEscalated e = new NeedEscalated(need, "队长 team leader", "nobody could be found (UNMATCHED)", "system",
                "TEAM_LEADER", Instant.parse("2026-12-08T02:30:00Z"), List.of(), List.of(onPage, byText), null,
                "URGENT");

        EventEnvelope envelope = kafka.publishNeedEvent(e, community);

        JsonNode page = DeliveryFlowTest.read(awaitDelivery(envelope, Deliveries.SSE, onPage).body());
        assertEquals("需求 #" + need + " 还没有人接，已上报给您（队长）：没有找到可以接单的志愿者。"
                + "请在 10:30 前安排人手，否则将继续上报。", page.get("text").asText());
        assertTrue(page.get("textEn").asText().contains("escalated to you (team leader)"), page.toString());
        assertEquals(need, page.get("needId").asLong());
        Delivery text = awaitDelivery(envelope, Deliveries.SMS, byText);
        JsonNode body = DeliveryFlowTest.read(text.body());
        assertEquals("STAFF_NOTICE", body.get("template").asText());
        assertEquals("队长", body.get("params").get("level").asText());
        assertTrue(sms.findById(text.id()).orElseThrow().urgent(), "an URGENT need's escalation is urgent");
        assertTrue(rows.findByEventIdAndChannelAndRecipient(envelope.eventId(), Deliveries.SSE,
                Deliveries.recipient(byText)).isEmpty(), "texts only, as chosen");
    }

    @Test
    void theStreetOfficeIsTextedOncePerPersonAndTheCommunitysRungIsNot() {
        String community = TestKafka.newCommunity();
        String street = "street-" + community;
        long need = TestKafka.newId();
        EventEnvelope coordinator = kafka.publishNeedEvent(new NeedEscalated(need, "社区 community coordinator",
                "nobody acted", "system", "COORDINATOR", Instant.parse("2026-12-08T03:30:00Z"),
                List.of("coord-" + community), List.of(), null, "TODAY"), community);
        EventEnvelope top = kafka.publishNeedEvent(new NeedEscalated(need, "街道 street office",
                "nobody acted at 社区 community coordinator since 2026-12-08T03:30:00Z", "system", "STREET", null,
                List.of(street), List.of(), null, "TODAY"), community);
        kafka.send(org.onecall.events.Topics.NEEDS, community, org.onecall.events.EventJson.write(top));

        Delivery text = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> rows.findByEventIdAndChannelAndRecipient(top.eventId(), Deliveries.SMS,
                        Deliveries.STAFF + street), Optional::isPresent).orElseThrow();
        JsonNode body = DeliveryFlowTest.read(text.body());
        assertEquals("街道", body.get("params").get("level").asText());
        assertEquals("需求 #" + need + " 已上报街道：上一级在时限内没有处理。请尽快协调（可吹哨报到职能部门）。",
                body.get("params").get("text").asText());
        assertTrue(!sms.findById(text.id()).orElseThrow().urgent(), "a TODAY need's escalation waits out quiet hours");
        // the redelivery was consumed once a later event of the community was
        long later = TestKafka.newId();
        EventEnvelope marker = kafka.publishNeedEvent(new NeedEscalated(TestKafka.newId(), "队长", "x", "system",
                "TEAM_LEADER", null, List.of(), List.of(later), null, "TODAY"), community);
        awaitDelivery(marker, Deliveries.SSE, later);
        assertEquals(1, rows.findTop50ByRecipientOrderByIdDesc(Deliveries.STAFF + street).size());
        assertTrue(rows.findTop50ByRecipientOrderByIdDesc(Deliveries.STAFF + "coord-" + community).isEmpty());
        assertTrue(rows.findByNeedIdOrderById(need).stream().noneMatch(d -> d.eventId().equals(coordinator.eventId())),
                "the community's coordinators see the staff notice; no SMS below the top");
    }
}
