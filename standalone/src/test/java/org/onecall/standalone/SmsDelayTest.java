package org.onecall.standalone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.onecall.dispatch.need.ArrivalWatch;
import org.onecall.events.Topics;
import org.onecall.testsupport.SimulatedPhones;
import org.onecall.testsupport.TestKafka;
import org.onecall.testsupport.TopicProbe;

/**
 * "Job delayed" and escalations end to end on the standalone product (its broker, the three services, the SMS
 * simulator), with the product's clock moved instead of waited for: a job given back is a delay SMS to the
 * resident and then the new volunteer's; a household without a mobile gets a call-back task instead; a volunteer
 * not arrived past the promise is an SMS to the resident and one OVERDUE staff notice; a need climbing the ladder
 * reaches the team leader by SMS and, at the street office, the street's staff phone once, even redelivered.
 * The tests run in order: the later ones move the clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmsDelayTest {

    private static final String STREET = "delay-street";
    private static final String COMMUNITY = "delay-test";
    private static final String STREET_PHONE = "13700090001";
    private static final String LEADER_PHONE = "13800090009";
    private static final double LAT = 39.7275;
    private static final double LON = 116.3405;
    private static final String ADMIN_PASSWORD = "admin password for the delay test";

    @TempDir
    static Path data;
    private Standalone app;
    private Api admin;
    private Api operator;
    private Api coordinator;
    private SimulatedPhones phones;
    private MovableClock clock;

    @BeforeAll
    void start() {
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(60));
        app = Standalone.start(data, 0, SmsStandaloneSettings.of("delays", ADMIN_PASSWORD, Map.of(
                "onecall.test.movable-clock", true, "onecall.escalation.check", "200ms",
                "onecall.arrival.check", "200ms")));
        clock = (MovableClock) app.context().getBean(Clock.class);
        admin = new Api(app.url()).signIn("admin", ADMIN_PASSWORD);
        phones = new SimulatedPhones(app.smsUrl());
        admin.post("/api/streets", Map.of("id", STREET, "name", "清源街道"));
        admin.post("/api/communities", Map.of("id", COMMUNITY, "name", "兴华南里", "street", STREET));
        operator = admin.newStaff("operator-delay", "王接线员", "OPERATOR", COMMUNITY);
        coordinator = admin.newStaff("coordinator-delay", "张书记", "COORDINATOR", COMMUNITY);
        admin.post("/api/accounts", Map.of("username", "street-delay", "displayName", "陈主任", "role", "COORDINATOR",
                "street", STREET, "phone", STREET_PHONE, "password", "street password 12"));
        // the mediation team's leader (off duty, other skills) chose texts: the ladder's first rung
        long leader = volunteer("老王队长", LEADER_PHONE, "EDUCATION", false);
        admin.put("/notify/volunteers/" + leader + "/channels", Map.of("channels", "SMS"));
        admin.post("/api/communities/" + COMMUNITY + "/teams", Map.of("name", "调解队", "specialty", "MEDIATION 纠纷调解",
                "leaderVolunteerId", leader));
    }

    @AfterAll
    void stop() {
        org.awaitility.Awaitility.reset();
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void aJobGivenBackIsADelaySmsToTheResidentThenTheNewVolunteers() {
        String mobile = "13900090001";
        long home = household("钱奶奶", mobile);
        long zhao = volunteer("赵建华", "13800090001", "HOME_CARE", true);
        long sun = volunteer("孙丽", "13800090002", "HOME_CARE", true);
        long need = raise(home, "HOME_CARE");
        long holder = acceptPending(need, zhao, sun);
        String holderName = holder == zhao ? "赵建华" : "孙丽";
        String otherName = holder == zhao ? "孙丽" : "赵建华";
        await().until(() -> received(mobile, "志愿者" + holderName + "将上门"));

        admin.post("/api/needs/" + need + "/giveback", Map.of("volunteerId", holder, "reason", "家里有急事"));

        await().until(() -> received(mobile, "钱奶奶您好：原定上门的志愿者" + holderName
                + "临时来不了，我们正在为您另找人，找到后马上告诉您。"));
        // matched again without the one who gave it back
        acceptPending(need, holder == zhao ? sun : zhao);
        await().until(() -> received(mobile, "志愿者" + otherName + "将上门"));
        List<String> texts = phones.received(mobile);
        assertTrue(indexOf(texts, "临时来不了") < indexOf(texts, "志愿者" + otherName + "将上门"), texts.toString());
        assertEquals(1, texts.stream().filter(t -> t.contains("临时来不了")).count(), texts.toString());
    }

    @Test
    @Order(2)
    void aHouseholdWithoutAMobileGetsTheDelayAsACallBackTask() {
        long landline = household("孙大爷", "010 6234 5670");
        long v = volunteer("周志愿者", "13800090003", "EMPLOYMENT", true);
        long need = raise(landline, "EMPLOYMENT");
        acceptPending(need, v);

        admin.post("/api/needs/" + need + "/giveback", Map.of("volunteerId", v, "reason", "临时出差"));

        JsonNode task = await().until(() -> task(need, "临时来不了"), t -> t != null);
        assertEquals("NO_MOBILE", task.path("reason").asText());
        assertEquals("孙大爷您好：原定上门的志愿者周志愿者临时来不了，我们正在为您另找人，找到后马上告诉您。",
                task.path("message").asText());
    }

    @Test
    @Order(3)
    void aVolunteerNotArrivedPastThePromiseIsAnSmsToTheResidentAndOneOverdueNotice() {
        String mobile = "13900090003";
        long home = household("李阿姨", mobile);
        long v = volunteer("郑志愿者", "13800090004", "MEDICINE", true);
        long need = raise(home, "MEDICINE");
        acceptPending(need, v);
        await().until(() -> received(mobile, "志愿者郑志愿者将上门"));

        // MEDICINE is due within 2 h; the grace is 15 min
        clock.advance(Duration.ofHours(2).plusMinutes(16));

        await().until(() -> received(mobile, "李阿姨您好：志愿者郑志愿者可能会晚到一些，社区正在联系，请您稍候。"));
        await().until(() -> overdue(need) == 1);
        // the next check finds it again and says nothing more
        ArrivalWatch watch = app.context().getBean(ArrivalWatch.class);
        clock.advance(Duration.ofMinutes(30));
        assertEquals(0, watch.check(clock.instant()));
        assertEquals(1, phones.received(mobile).stream().filter(t -> t.contains("晚到")).count());
        assertEquals(1, overdue(need));
        assertEquals("ASSIGNED", status(need));
    }

    @Test
    @Order(4)
    void aNeedClimbingTheLadderReachesTheTeamLeaderAndTheStreetOfficeOnceEvenRedelivered() {
        String mobile = "13900090004";
        long need = raise(household("吴叔叔", mobile), "MEDIATION");
        await().until(() -> received(LEADER_PHONE, "需求 #" + need + " 还没有人接，已上报给您（队长）"));
        try (TopicProbe needs = TopicProbe.open(app.kafkaAdminConfig(), Topics.NEEDS)) {
            for (int rung = 2; rung <= 4; rung++) {
                clock.advance(Duration.ofMinutes(61));
                int climbs = rung;
                await().until(() -> escalations(need) == climbs);
            }
            await().until(() -> received(STREET_PHONE, "需求 #" + need + " 已上报街道"));
            String top = needs.await(s -> TopicProbe.event("NeedEscalated", "need-" + need).test(s)
                    && s.contains("\"level\":\"STREET\""));
            try (TestKafka kafka = new TestKafka(app.kafkaAdminConfig())) {
                kafka.send(Topics.NEEDS, COMMUNITY, top);
            }
        }
        // the resident's cancellation notice comes after the redelivered escalation in the community's partition
        operator.post("/api/needs/" + need + "/cancellation", Map.of("reason", "已自行解决"));
        await().until(() -> received(mobile, "吴叔叔您好：您的纠纷调解服务已取消"));
        assertEquals(1, phones.received(STREET_PHONE).stream().filter(t -> t.contains("#" + need + " ")).count(),
                phones.received(STREET_PHONE).toString());
        JsonNode log = admin.json("/notify/needs/" + need + "/log");
        assertTrue(log.toString().contains("staff-street-delay"), log.toString());
    }

    /** Accepts the need's pending offer, made to one of these volunteers; answers who took it. */
    private long acceptPending(long need, long... candidates) {
        await().until(() -> status(need).equals("OFFERED"));
        for (long v : candidates) {
            for (JsonNode o : admin.json("/api/volunteers/" + v + "/offers")) {
                if (o.path("needId").asLong() == need && o.path("status").asText().equals("PENDING")) {
                    admin.post("/api/offers/" + o.path("offerId").asLong() + "/accept", Map.of("volunteerId", v));
                    await().until(() -> status(need).equals("ASSIGNED"));
                    return v;
                }
            }
        }
        throw new AssertionError("no pending offer of need " + need + " for " + java.util.Arrays.toString(candidates));
    }

    private long overdue(long need) {
        long n = 0;
        for (JsonNode notice : coordinator.json("/notify/staff/notices")) {
            n += notice.path("kind").asText().equals("OVERDUE") && notice.path("needId").asLong() == need ? 1 : 0;
        }
        return n;
    }

    private long escalations(long need) {
        long n = 0;
        for (JsonNode h : admin.json("/api/needs/" + need + "/history")) {
            n += h.path("eventType").asText().equals("NeedEscalated") ? 1 : 0;
        }
        return n;
    }

    private JsonNode task(long need, String text) {
        for (JsonNode t : operator.json("/api/callbacks?mine=true")) {
            if (t.path("needId").asLong() == need && t.path("message").asText().contains(text)) {
                return t;
            }
        }
        return null;
    }

    private static int indexOf(List<String> texts, String part) {
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    private boolean received(String phone, String text) {
        return phones.received(phone).stream().anyMatch(t -> t.contains(text));
    }

    private long household(String name, String phone) {
        return Api.id(operator.post("/api/communities/" + COMMUNITY + "/households", Map.of(
                "headName", name, "phone", phone, "building", "兴华南里2号楼",
                "address", "兴华南里2号楼1单元" + phone.substring(phone.length() - 3), "grid", "grid-1",
                "lat", LAT, "lon", LON)));
    }

    private long raise(long household, String category) {
        Map<String, Object> need = new java.util.HashMap<>(Map.of("householdId", household, "category", category,
                "urgency", "TODAY", "description", "请帮忙"));
        switch (category) {
            case "MEDICINE" -> need.put("items", List.of(Map.of("name", "降压药")));
            case "MEDIATION" -> need.put("details", Map.of("parties", "楼上邻居"));
            default -> { }
        }
        return Api.id(operator.post("/api/needs", need));
    }

    private long volunteer(String name, String phone, String skill, boolean onDuty) {
        return Api.id(admin.post("/api/communities/" + COMMUNITY + "/volunteers", Map.of("name", name,
                "phone", phone, "skills", List.of(skill), "lat", LAT + 0.001, "lon", LON,
                "maxConcurrentJobs", 2, "onDuty", onDuty)));
    }

    private String status(long needId) {
        return (String) admin.get("/api/needs/" + needId).get("status");
    }
}
