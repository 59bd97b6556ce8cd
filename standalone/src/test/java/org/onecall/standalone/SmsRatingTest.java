package org.onecall.standalone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.onecall.dispatch.rating.Ratings;
import org.onecall.testsupport.SimulatedPhones;

/**
 * Closing the loop by SMS on the standalone product (its broker, the services and the SMS simulator):
 * once a job is done the household is asked for a rating by text, and its digit reply rates the need;
 * a household that cannot be texted, or that does not answer in time, becomes a call-back task.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmsRatingTest {

    private static final String COMMUNITY = "rating-test";
    private static final double LAT = 39.7275;
    private static final double LON = 116.3405;
    private static final String ADMIN_PASSWORD = "admin password for the rating test";
    private static final String QUESTION = "请为本次服务打分：回复 1-5，0 表示问题没有解决";

    @TempDir
    static Path data;
    private Standalone app;
    private Api admin;
    private Api operator;
    private SimulatedPhones phones;

    @BeforeAll
    void start() {
        // a shared 2-core machine can be slow: the waits are for events, not a measure of speed
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(60));
        Map<String, Object> settings = SmsStandaloneSettings.of("rating", ADMIN_PASSWORD, Map.of());
        app = Standalone.start(data, 0, settings);
        admin = new Api(app.url()).signIn("admin", ADMIN_PASSWORD);
        phones = new SimulatedPhones(app.smsUrl());
        admin.post("/api/communities", Map.of("id", COMMUNITY, "name", "兴华南里"));
        operator = admin.newStaff("operator-rating", "王接线员", "OPERATOR", COMMUNITY);
    }

    @AfterAll
    void stop() {
        org.awaitility.Awaitility.reset();
        if (app != null) {
            app.close();
        }
    }

    @Test
    void a_resident_who_rates_5_by_sms_closes_the_need() {
        String mobile = "13900030001";
        long need = done(household("钱奶奶", mobile), "13800030001", "MEDICINE");

        await().until(() -> received(mobile, QUESTION));
        phones.reply(mobile, "5");
        await().until(() -> status(need).equals("CLOSED"));
        assertEquals(5, ((Number) admin.get("/api/needs/" + need).get("rating")).intValue());
        assertTrue(admin.json("/api/needs/" + need + "/history").toString().contains("\"actor\":\"resident by SMS\""));
        // asked once: the rating question is not sent again for the same job
        assertEquals(1, phones.received(mobile).stream().filter(t -> t.contains(QUESTION)).count());
    }

    @Test
    void a_resident_who_answers_0_opens_a_complaint_and_the_need_reopens() {
        String mobile = "13900030002";
        long need = done(household("李阿姨", mobile), "13800030002", "HOME_CARE");

        await().until(() -> received(mobile, QUESTION));
        phones.reply(mobile, "0");
        await().until(() -> !status(need).equals("DONE"));
        assertTrue(List.of("REOPENED", "MATCHING", "OFFERED", "UNMATCHED").contains(status(need)), status(need));
        JsonNode complaints = admin.json("/api/communities/" + COMMUNITY + "/complaints");
        assertTrue(complaints.toString().contains("\"needId\":" + need), complaints.toString());
    }

    @Test
    void a_resident_whose_reply_is_not_a_digit_is_kept_word_for_word_for_the_coordinator() {
        String mobile = "13900030005";
        long need = done(household("周大姐", mobile), "13800030005", "MEALS");

        await().until(() -> received(mobile, QUESTION));
        phones.reply(mobile, "饭菜有点凉");
        await().until(() -> admin.json("/api/communities/" + COMMUNITY + "/sms-replies").toString()
                .contains("饭菜有点凉"));
        assertEquals("DONE", status(need));
    }

    @Test
    void a_household_without_a_mobile_is_asked_on_the_phone_by_its_operator() {
        long landline = household("孙大爷", "010 6234 5679");
        long need = done(landline, "13800030003", "EMPLOYMENT");

        await().until(() -> task(need, "NO_RATING") != null);
        assertTrue(task(need, "NO_RATING").path("message").asText().contains(QUESTION));
    }

    @Test
    void a_rating_not_answered_in_time_becomes_a_call_back_task() {
        String mobile = "13900030004";
        long need = done(household("赵叔叔", mobile), "13800030004", "COUNSELLING");
        await().until(() -> received(mobile, QUESTION));
        Ratings ratings = app.context().getBean(Ratings.class);
        // the scheduled check, a day and more later (no waiting for the real deadline)
        ratings.overdue(app.context().getBean(Clock.class).instant().plus(Duration.ofHours(25)));

        JsonNode task = task(need, "NO_RATING");
        assertTrue(task != null, operator.json("/api/callbacks?mine=true").toString());
        assertEquals("DONE", status(need));
        // checked again, the same rating raises no second task
        ratings.overdue(app.context().getBean(Clock.class).instant().plus(Duration.ofHours(26)));
        long tasks = 0;
        for (JsonNode t : operator.json("/api/callbacks?mine=true")) {
            tasks += t.path("needId").asLong() == need ? 1 : 0;
        }
        assertEquals(1, tasks);
        assertFalse(operator.json("/api/callbacks?mine=true").toString().contains("\"needId\":999999"));
    }

    private JsonNode task(long need, String reason) {
        for (JsonNode t : operator.json("/api/callbacks?mine=true")) {
            if (t.path("needId").asLong() == need && t.path("reason").asText().equals(reason)) {
                return t;
            }
        }
        return null;
    }

    /** A need of this household served by a new volunteer from start to done. */
    private long done(long household, String volunteerPhone, String skill) {
        long v = Api.id(admin.post("/api/communities/" + COMMUNITY + "/volunteers", Map.of("name", "志愿者" + volunteerPhone.substring(9),
                "phone", volunteerPhone, "skills", List.of(skill), "lat", LAT + 0.001, "lon", LON,
                "maxConcurrentJobs", 2, "onDuty", true)));
        Map<String, Object> raise = new java.util.HashMap<>(Map.of("householdId", household, "category", skill,
                "urgency", "TODAY", "description", "请帮忙"));
        if (skill.equals("MEDICINE")) {
            raise.put("items", List.of(Map.of("name", "降压药")));
        }
        long need = Api.id(operator.post("/api/needs", raise));
        await().until(() -> status(need).equals("OFFERED"));
        long offer = ((Number) admin.list("/api/volunteers/" + v + "/offers").get(0).get("offerId")).longValue();
        admin.post("/api/offers/" + offer + "/accept", Map.of("volunteerId", v));
        admin.post("/api/needs/" + need + "/arrival", Map.of("volunteerId", v));
        admin.post("/api/needs/" + need + "/completion", Map.of("volunteerId", v, "summary", "办好了"));
        assertEquals("DONE", status(need));
        return need;
    }

    private long household(String name, String phone) {
        return Api.id(operator.post("/api/communities/" + COMMUNITY + "/households", Map.of(
                "headName", name, "phone", phone, "building", "兴华南里2号楼",
                "address", "兴华南里2号楼1单元" + phone.substring(phone.length() - 3), "grid", "grid-1",
                "lat", LAT, "lon", LON)));
    }

    private boolean received(String phone, String text) {
        return phones.received(phone).stream().anyMatch(t -> t.contains(text));
    }

    private String status(long needId) {
        return (String) admin.get("/api/needs/" + needId).get("status");
    }
}
