package org.onecall.notifier;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.events.EventEnvelope;
import org.onecall.events.LoopEvents.ComplaintOpened;
import org.onecall.events.LoopEvents.PairingVisitMissed;
import org.onecall.events.NeedEvents.JobDelayed;
import org.onecall.testsupport.KafkaBrokerExtension;
import org.onecall.testsupport.TestKafka;
import org.onecall.testsupport.TestTokens;

/**
 * Complaints, missed pairing visits and volunteers not arrived (OVERDUE) reach the staff notices (C6): the accounts the event names see them
 * even when they serve another community, and staff of an unrelated community do not.
 */
@MicronautTest(environments = {NotifierApp.ENVIRONMENT, "test"}, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(KafkaBrokerExtension.class)
class StaffNoticeTest extends NotifierBrokerTest {

    @Inject
    @Client("/")
    HttpClient http;


    @Test
    void aComplaintIsNoticedByTheAccountsItNames() {
        String community = TestKafka.newCommunity();
        String coordinator = "coord-" + TestKafka.newId();
        ComplaintOpened c = new ComplaintOpened(TestKafka.newId(), TestKafka.newId(), TestKafka.newId(), 7L, 1, false,
                "药买错了", "operator-1", List.of(coordinator));
        EventEnvelope e = kafka.publishNeedEvent(c, community);

        String named = TestTokens.token(coordinator, "COORDINATOR", List.of(TestKafka.newCommunity()), null);
        JsonNode notice = awaitNotice(named, e);
        assertEquals("COMPLAINT", notice.get("kind").asText());
        assertEquals(c.needId(), notice.get("needId").asLong());
        assertTrue(notice.get("text").asText().contains("药买错了"), notice.toString());
        assertTrue(notice.get("text").asText().contains("投诉"), notice.toString());
        assertTrue(notice.get("textEn").asText().contains("has a complaint"), notice.toString());
        String unrelated = TestTokens.staff("COORDINATOR", List.of(TestKafka.newCommunity()));
        assertTrue(notices(unrelated).stream().noneMatch(n -> n.get("sourceKey").asText().equals("event:" + e.eventId())));
    }

    @Test
    void aMissedPairingVisitIsNoticedOnceByItsCommunitysStaff() {
        String community = TestKafka.newCommunity();
        PairingVisitMissed m = new PairingVisitMissed(TestKafka.newId(), TestKafka.newId(), 31L, 42L,
                Instant.parse("2026-12-08T01:00:00Z"), Instant.parse("2026-12-08T03:00:00Z"), 2, List.of(5L),
                List.of("gl-" + community));
        EventEnvelope e = kafka.publishNeedEvent(m, community);
        kafka.send(org.onecall.events.Topics.NEEDS, community, org.onecall.events.EventJson.write(e));

        String staff = TestTokens.staff("COORDINATOR", List.of(community));
        JsonNode notice = awaitNotice(staff, e);
        assertEquals("VISIT_MISSED", notice.get("kind").asText());
        assertEquals("gl-" + community, notice.get("recipients").asText());
        assertTrue(notice.get("text").asText().contains("12月8日 09:00–11:00"), notice.toString());
        assertTrue(notice.get("text").asText().contains("连续第 2 次"), notice.toString());
        assertTrue(notice.get("textEn").asText().contains("Dec 8, 09:00–11:00 (2 in a row)"), notice.toString());
        // a later event of the community was noticed, so the redelivery before it was consumed
        EventEnvelope later = kafka.publishNeedEvent(new ComplaintOpened(TestKafka.newId(), TestKafka.newId(), 31L,
                null, 2, true, "来晚了", "operator-1", List.of()), community);
        awaitNotice(staff, later);
        assertEquals(1, notices(staff).stream()
                .filter(n -> n.get("sourceKey").asText().equals("event:" + e.eventId())).count());
    }

    @Test
    void aVolunteerNotArrivedIsAnOverdueNoticeOnceAndAGiveBackIsNone() {
        String community = TestKafka.newCommunity();
        long need = TestKafka.newId();
        EventEnvelope givenBack = kafka.publishNeedEvent(new JobDelayed(need, 7L, JobDelayed.GIVEN_BACK, null,
                List.of()), community);
        // 10:00 in Shanghai
        JobDelayed late = new JobDelayed(need, 8L, JobDelayed.NOT_ARRIVED, Instant.parse("2026-12-08T02:00:00Z"),
                List.of("coord-" + community, "operator-" + community));
        EventEnvelope e = kafka.publishNeedEvent(late, community);
        kafka.send(org.onecall.events.Topics.NEEDS, community, org.onecall.events.EventJson.write(e));

        String named = TestTokens.token("operator-" + community, "OPERATOR", List.of(TestKafka.newCommunity()), null);
        JsonNode notice = awaitNotice(named, e);
        assertEquals("OVERDUE", notice.get("kind").asText());
        assertEquals(need, notice.get("needId").asLong());
        assertEquals("需求 #" + need + " 逾期：志愿者 #8 约定 12月8日 10:00 前上门，至今未到。已告知居民稍候，请联系志愿者或另行安排。",
                notice.get("text").asText());
        assertTrue(notice.get("textEn").asText().contains("was due by 2026-12-08 10:00 and has not arrived"),
                notice.toString());
        String staff = TestTokens.staff("COORDINATOR", List.of(community));
        EventEnvelope later = kafka.publishNeedEvent(new ComplaintOpened(TestKafka.newId(), TestKafka.newId(), 31L,
                null, 2, true, "来晚了", "operator-1", List.of()), community);
        awaitNotice(staff, later);
        assertEquals(1, notices(staff).stream()
                .filter(n -> n.get("sourceKey").asText().equals("event:" + e.eventId())).count(), "once, though redelivered");
        assertTrue(notices(staff).stream().noneMatch(n -> n.get("sourceKey").asText()
                .equals("event:" + givenBack.eventId())), "a give-back is the resident's notice, not the staff's");
    }

    private JsonNode awaitNotice(String token, EventEnvelope e) {
        return await("a staff notice of " + e.eventId()).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> notices(token).stream()
                        .filter(n -> n.get("sourceKey").asText().equals("event:" + e.eventId())).findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private List<JsonNode> notices(String token) {
        String json = http.toBlocking().retrieve(HttpRequest.GET("/notify/staff/notices").bearerAuth(token), String.class);
        JsonNode array = DeliveryFlowTest.read(json);
        return new ArrayList<>(StreamSupport.stream(array.spliterator(), false).toList());
    }
}
