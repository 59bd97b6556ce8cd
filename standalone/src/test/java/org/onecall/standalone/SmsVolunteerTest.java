package org.onecall.standalone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.onecall.events.Topics;
import org.onecall.testsupport.SimulatedPhones;
import org.onecall.testsupport.TopicProbe;

/**
 * SMS end to end on the standalone product (its broker, all three services and the SMS simulator):
 * a volunteer with a basic phone is told of an offer by SMS and does the whole job by replies; a
 * failing gateway shows its retries and the giving-up in the delivery log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmsVolunteerTest {

    private static final String COMMUNITY = "sms-test";
    private static final double LAT = 39.7275;
    private static final double LON = 116.3405;
    private static final String ADMIN_PASSWORD = "admin password for the sms test";

    @TempDir
    static Path data;
    private Standalone app;
    private Api admin;
    private Api operator;
    private Api coordinator;
    private SimulatedPhones phones;
    private long household;

    @BeforeAll
    void start() {
        // a shared 2-core machine can be slow: the waits are for events, not a measure of speed
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(60));
        Map<String, Object> settings = SmsStandaloneSettings.of("sms", ADMIN_PASSWORD,
                Map.of("onecall.notifier.sms.max-attempts", 3,
                "onecall.notifier.sse-ack-timeout", "2s", "onecall.notifier.sse-ack-poll", "200ms"));
        app = Standalone.start(data, 0, settings);
        admin = new Api(app.url()).signIn("admin", ADMIN_PASSWORD);
        phones = new SimulatedPhones(app.smsUrl());
        admin.post("/api/communities", Map.of("id", COMMUNITY, "name", "兴华南里"));
        operator = admin.newStaff("operator-sms", "王接线员", "OPERATOR", COMMUNITY);
        coordinator = admin.newStaff("coordinator-sms", "张主任", "COORDINATOR", COMMUNITY);
        household = Api.id(operator.post("/api/communities/" + COMMUNITY + "/households", Map.of(
                "headName", "钱奶奶", "phone", "139 0002 0002", "building", "兴华南里2号楼",
                "address", "兴华南里2号楼1单元502", "grid", "grid-1", "lat", LAT, "lon", LON)));
    }

    @AfterAll
    void stop() {
        org.awaitility.Awaitility.reset();
        if (app != null) {
            app.close();
        }
    }

    @Test
    void a_volunteer_with_a_basic_phone_does_a_whole_job_by_sms_replies_alone() {
        String phone = "13800020001";
        TopicProbe needsTopic = TopicProbe.open(app.kafkaAdminConfig(), Topics.NEEDS);
        long v = volunteer("赵建华", phone, "HOME_CARE");
        admin.put("/notify/volunteers/" + v + "/channels", Map.of("channels", "SMS"));
        long need = raise("HOME_CARE");

        await().until(() -> received(phone, "新任务#" + need + "："));
        phones.reply(phone, "0");
        await().until(() -> received(phone, "您的任务：#" + need + " "));
        phones.reply(phone, "1");
        await().until(() -> status(need).equals("ASSIGNED"));
        await().until(() -> received(phone, "已接单 #" + need));
        // the resident is told who is coming and when, by SMS
        await().until(() -> received("13900020002", "钱奶奶您好：志愿者赵建华将上门为您居家养老/家政，预计"));
        phones.reply(phone, "3");
        await().until(() -> status(need).equals("ON_SITE"));
        phones.reply(phone, "老人不在家，邻居说去医院了");
        await().until(() -> admin.json("/api/communities/" + COMMUNITY + "/sms-replies").toString()
                .contains("老人不在家，邻居说去医院了"));
        // and the community's coordinator is told, word for word, on the staff notices
        await().until(() -> coordinator.json("/notify/staff/notices").toString()
                .contains("(#" + need + ")）：老人不在家，邻居说去医院了"));
        phones.reply(phone, "9 " + need);
        await().until(() -> status(need).equals("DONE"));

        List<String> actors = new ArrayList<>();
        admin.json("/api/needs/" + need + "/history").forEach(h -> {
            if (List.of("OfferAccepted", "VolunteerArrived", "NeedCompleted").contains(h.path("eventType").asText())) {
                actors.add(h.path("actor").asText());
            }
        });
        assertEquals(List.of("volunteer-" + v, "volunteer-" + v, "volunteer-" + v), actors);
        // phones never travel on Kafka: not the volunteer's, not the resident's, in any event of the job
        try (needsTopic) {
            needsTopic.await(TopicProbe.event("NeedCompleted", "need-" + need));
            List<String> events = needsTopic.values();
            assertTrue(events.size() >= 5, events.toString());
            events.forEach(e -> assertTrue(!e.contains(phone) && !e.contains("13900020002"), "a phone on Kafka: " + e));
        }
        // told by SMS only (no page), and each text's segments counted
        JsonNode log = admin.json("/notify/volunteers/" + v + "/log");
        log.forEach(line -> assertEquals("SMS", line.path("channel").asText(), line.toString()));
        assertTrue(phones.messages(phone).stream().filter(m -> m.path("direction").asText().equals("IN"))
                .allMatch(m -> m.path("segments").asInt() >= 1));
    }

    @Test
    void a_failing_gateway_is_retried_with_backoff_and_the_log_shows_every_attempt() {
        String flaky = "13800020002";
        long v = volunteer("钱志愿者", flaky, "MEALS");
        admin.put("/notify/volunteers/" + v + "/channels", Map.of("channels", "BOTH"));
        phones.failNumber(flaky, 2);
        long need = raise("MEALS");

        await().until(() -> received(flaky, "新任务#" + need + "："));
        await().until(() -> results(v).contains("RECEIPT_DELIVERED"));
        assertEquals(List.of("RETRY", "RETRY", "SENT", "RECEIPT_DELIVERED"), results(v));
        assertEquals(1, phones.received(flaky).size(), "sent once, after two refusals");
    }

    @Test
    void a_gateway_that_keeps_failing_gives_up_after_the_last_attempt_and_falls_back() {
        String dead = "13800020003";
        long v = volunteer("孙志愿者", dead, "COUNSELLING");
        admin.put("/notify/volunteers/" + v + "/channels", Map.of("channels", "SMS"));
        phones.failNumber(dead, 100);
        long need = raise("COUNSELLING");

        await().until(() -> results(v).contains("FALLBACK"));
        assertEquals(List.of("RETRY", "RETRY", "FAILED", "FALLBACK"), results(v));
        assertEquals("FAILED", admin.json("/notify/needs/" + need + "/log").get(0).path("status").asText());
        assertTrue(phones.received(dead).isEmpty());
    }

    @Test
    void a_household_without_a_mobile_becomes_a_call_back_task_for_its_operator() {
        long landline = Api.id(operator.post("/api/communities/" + COMMUNITY + "/households", Map.of(
                "headName", "孙大爷", "phone", "010 6234 5678", "building", "兴华南里3号楼",
                "address", "兴华南里3号楼2单元101", "grid", "grid-1", "lat", LAT, "lon", LON)));
        long v = volunteer("周志愿者", "13800020004", "EMPLOYMENT");
        long need = Api.id(operator.post("/api/needs", Map.of("householdId", landline, "category", "EMPLOYMENT",
                "urgency", "TODAY", "description", "想找份零工")));
        await().until(() -> status(need).equals("OFFERED"));
        long offer = ((Number) admin.list("/api/volunteers/" + v + "/offers").get(0).get("offerId")).longValue();
        admin.post("/api/offers/" + offer + "/accept", Map.of("volunteerId", v));

        await().until(() -> operator.json("/api/callbacks?mine=true").toString().contains("\"needId\":" + need));
        JsonNode task = null;
        for (JsonNode t : operator.json("/api/callbacks?mine=true")) {
            if (t.path("needId").asLong() == need) {
                task = t;
            }
        }
        assertEquals("NO_MOBILE", task.path("reason").asText());
        assertTrue(task.path("message").asText().startsWith("孙大爷您好：志愿者周志愿者将上门"), task.toString());
        List<String> channels = new ArrayList<>();
        admin.json("/notify/needs/" + need + "/log").forEach(line -> channels.add(line.path("channel").asText()));
        assertTrue(channels.contains("CALLBACK"), channels.toString());

        // the operator calls, then closes the task; it leaves their list
        operator.post("/api/callbacks/" + task.path("id").asLong() + "/close", Map.of("outcome", "已电话告知"));
        assertTrue(!operator.json("/api/callbacks?mine=true").toString().contains("\"needId\":" + need));
    }

    @Test
    void a_resident_is_told_by_sms_when_the_job_is_cancelled() {
        String mobile = "13900020005";
        long household2 = Api.id(operator.post("/api/communities/" + COMMUNITY + "/households", Map.of(
                "headName", "李阿姨", "phone", mobile, "building", "兴华南里5号楼",
                "address", "兴华南里5号楼1单元201", "grid", "grid-1", "lat", LAT, "lon", LON)));
        // nobody has the skill: the need waits unmatched until the operator cancels it
        long need = Api.id(operator.post("/api/needs", Map.of("householdId", household2, "category", "POLICY_CONSULTING",
                "urgency", "TODAY", "description", "问养老金", "details", Map.of("topic", "养老金"))));
        await().until(() -> !status(need).equals("MATCHING"));
        await().until(() -> coordinator.json("/notify/staff/notices").toString()
                .contains("需求「李阿姨 · 政策咨询/代办手续」(#" + need + ") 没有找到志愿者"));
        operator.post("/api/needs/" + need + "/cancellation", Map.of("reason", "老人改主意了"));

        await().until(() -> received(mobile, "李阿姨您好：您的政策咨询/代办手续服务已取消"));
    }

    @Test
    void an_offer_the_page_did_not_acknowledge_goes_again_by_sms_once() {
        String phone = "13800020006";
        long v = volunteer("郑志愿者", phone, "MEDICINE");
        long need = Api.id(operator.post("/api/needs", Map.of("householdId", household, "category", "MEDICINE",
                "urgency", "TODAY", "description", "买药", "items", List.of(Map.of("name", "降压药")))));
        await().until(() -> status(need).equals("OFFERED"));

        await().until(() -> received(phone, "新任务#" + need + "："));
        JsonNode log = admin.json("/notify/volunteers/" + v + "/log");
        assertEquals(List.of("SSE", "SMS"), List.of(log.get(0).path("channel").asText(), log.get(1).path("channel").asText()));
        assertEquals("FALLBACK", log.get(0).path("attempts").get(0).path("result").asText());
        assertEquals(1, phones.received(phone).size());
    }

    private List<String> results(long volunteer) {
        List<String> out = new ArrayList<>();
        admin.json("/notify/volunteers/" + volunteer + "/log").forEach(line -> {
            if (line.path("channel").asText().equals("SMS")) {
                line.path("attempts").forEach(a -> out.add(a.path("result").asText()));
            }
        });
        return out;
    }

    private boolean received(String phone, String text) {
        return phones.received(phone).stream().anyMatch(t -> t.contains(text));
    }

    private long raise(String category) {
        long need = Api.id(operator.post("/api/needs", Map.of("householdId", household, "category", category,
                "urgency", "TODAY", "description", "请帮忙")));
        await().until(() -> status(need).equals("OFFERED"));
        return need;
    }

    private long volunteer(String name, String phone, String skill) {
        return Api.id(admin.post("/api/communities/" + COMMUNITY + "/volunteers", Map.of("name", name,
                "phone", phone, "skills", List.of(skill), "lat", LAT + 0.001, "lon", LON,
                "maxConcurrentJobs", 2, "onDuty", true)));
    }

    private String status(long needId) {
        return (String) admin.get("/api/needs/" + needId).get("status");
    }
}
