package org.onecall.standalone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.onecall.testsupport.SimulatedPhones;
import org.onecall.testsupport.browser.Browser;
import org.onecall.testsupport.browser.BrowserAvailable;

/**
 * The whole product in Chromium, the notifier included: a coordinator with the queue page open sees a
 * volunteer's free-text SMS and a need nobody could take arrive in the notices panel by themselves,
 * in Chinese, then in English; a street coordinator sees the notices and delivery logs of every
 * community of the street and a coordinator of an unrelated community does not; need.html shows who
 * was told what, the resident's SMS with the carrier's receipt; a volunteer chooses on their page to
 * be told by SMS only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(BrowserAvailable.class)
class StaffNoticesPageTest {

    private static final String STREET = "qingyuan";
    private static final String COMMUNITY = "xinghua";
    private static final String NEIGHBOUR = "linxiao";
    private static final String UNRELATED = "faraway";
    private static final String PASSWORD = "a long enough password";
    private static final String ADMIN_PASSWORD = "admin password for the notices page test";
    private static final String VOLUNTEER_PHONE = "13800030001";
    private static final String RESIDENT_PHONE = "13900030002";
    private static final double LAT = 39.7275;
    private static final double LON = 116.3405;
    /** For people to look at: target/screenshots. */
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path data;
    private Standalone app;
    private Api admin;
    private Api operator;
    private SimulatedPhones phones;
    private Browser browser;
    private long household;
    private long volunteer;

    @BeforeAll
    void start() {
        // a shared 2-core machine can be slow: the waits are for events, not a measure of speed
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(60));
        app = Standalone.start(data, 0, SmsStandaloneSettings.of("notices-page", ADMIN_PASSWORD,
                Map.of("onecall.security.auth-requests-per-minute", 1000)));
        admin = new Api(app.url()).signIn("admin", ADMIN_PASSWORD);
        phones = new SimulatedPhones(app.smsUrl());
        admin.post("/api/streets", Map.of("id", STREET, "name", "清源街道"));
        admin.post("/api/communities", Map.of("id", COMMUNITY, "name", "兴华南里", "street", STREET));
        admin.post("/api/communities", Map.of("id", NEIGHBOUR, "name", "林校社区", "street", STREET));
        admin.post("/api/communities", Map.of("id", UNRELATED, "name", "远方社区"));
        account("coordinator-xinghua", Map.of("communities", List.of(COMMUNITY)));
        account("coordinator-street", Map.of("street", STREET));
        account("coordinator-faraway", Map.of("communities", List.of(UNRELATED)));
        operator = admin.newStaff("operator-xinghua", "王接线员", "OPERATOR", COMMUNITY);
        household = Api.id(operator.post("/api/communities/" + COMMUNITY + "/households", Map.of(
                "headName", "钱奶奶", "phone", RESIDENT_PHONE, "building", "兴华南里2号楼",
                "address", "兴华南里2号楼1单元502", "grid", "grid-1", "lat", LAT, "lon", LON)));
        volunteer = Api.id(admin.post("/api/communities/" + COMMUNITY + "/volunteers", Map.of("name", "赵建华",
                "phone", VOLUNTEER_PHONE, "skills", List.of("MEDICINE"), "lat", LAT + 0.001, "lon", LON,
                "maxConcurrentJobs", 2, "onDuty", true)));
        browser = Browser.open(app.url());
    }

    private void account(String username, Map<String, Object> scope) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("username", username, "displayName", username,
                "role", "COORDINATOR", "password", PASSWORD));
        body.putAll(scope);
        admin.post("/api/accounts", body);
    }

    @AfterEach
    void noScriptErrors() {
        if (browser != null) {
            List<String> errors = browser.consoleErrors();
            assertTrue(errors.isEmpty(), "the pages' console: " + errors);
        }
    }

    @AfterAll
    void stop() {
        org.awaitility.Awaitility.reset();
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void notices_arrive_live_in_the_queue_page_in_the_readers_language_and_in_scope() {
        browser.forget();
        browser.signIn("coordinator-xinghua", PASSWORD);
        browser.go("/console/queue.html?community=" + COMMUNITY);
        browser.waiting().until(d -> "live".equals(browser.find("#notices-state").getAttribute("data-state")));

        // 1. a volunteer texts something that is no command: the coordinator reads it, word for word
        phones.reply(VOLUNTEER_PHONE, "我明天下午有空，可以多接几单");
        // by name, not by id: the notifier asks dispatch-api for the names the events do not carry
        browser.waitForText("#notice-list", "我明天下午有空，可以多接几单");
        assertTrue(browser.find("#notice-list").getText().contains("志愿者赵建华 发来短信"),
                browser.find("#notice-list").getText());
        // 2. a need nobody can take (no volunteer has the skill)
        long unmatched = Api.id(operator.post("/api/needs", Map.of("householdId", household,
                "category", "POLICY_CONSULTING", "urgency", "TODAY", "description", "问养老金",
                "details", Map.of("topic", "养老金"))));
        browser.waitForText("#notice-list", "需求「钱奶奶 · 政策咨询/代办手续」(#" + unmatched + ") 没有找到志愿者");
        String list = browser.find("#notice-list").getText();
        // the matcher's reason, in Chinese for a Chinese page
        assertTrue(list.contains("社区里没有会「政策咨询/代办手续」的志愿者"), list);
        assertTrue(list.contains("志愿者短信") && list.contains("无人接单"), list);
        assertEquals("/console/need.html?id=" + unmatched, browser.js("return document.querySelector("
                + "\"#notice-list li[data-kind='UNMATCHED'] a\").getAttribute('href')"));
        // new until seen: counted in the panel and the page head
        assertTrue(Integer.parseInt(browser.find("#notices-unread").getText()) >= 2);
        assertTrue(browser.find("#notices-count").getText().contains("条新通知"));

        // 3. in English after switching the language
        browser.click("#lang-switch");
        browser.waitForText("#notice-list", "found no volunteer");
        list = browser.find("#notice-list").getText();
        assertTrue(list.contains("Volunteer 赵建华 texted") && list.contains("我明天下午有空，可以多接几单")
                && list.contains("No volunteer"), list);
        assertTrue(list.contains("Need “钱奶奶 · Policy and benefits consulting” (#" + unmatched + ") found no volunteer"),
                list);
        browser.click("#notices-seen");
        browser.waiting().until(d -> !browser.find("#notices-unread").isDisplayed());
        assertEquals(0L, browser.js("return document.querySelectorAll('#notice-list li.new').length"));
        browser.click("#lang-switch");

        // 4. on a phone: the panel fits, nothing to scroll sideways
        browser.phone();
        try {
            browser.go("/console/queue.html?community=" + COMMUNITY);
            browser.waitForText("#notice-list", "没有找到志愿者");
            assertNoSideways();
            browser.screenshotFullPage(SCREENSHOTS.resolve("queue-notices-zh-CN-375.png"));
        } finally {
            browser.desktop();
        }

        // 5. scope: the street's coordinator sees the community's notices (list and need log); others do not
        Api street = new Api(app.url()).signIn("coordinator-street", PASSWORD);
        Api faraway = new Api(app.url()).signIn("coordinator-faraway", PASSWORD);
        String key = "(#" + unmatched + ") 没有找到志愿者";
        assertTrue(street.json("/notify/staff/notices").toString().contains(key));
        assertFalse(faraway.json("/notify/staff/notices").toString().contains(key));
        assertTrue(street.json("/notify/needs/" + unmatched + "/log").isArray());
        assertEquals(404, status(faraway, "/notify/needs/" + unmatched + "/log"));

        // 6. and live: the street's coordinator, with the queue open, hears the next one from the stream
        browser.forget();
        browser.signIn("coordinator-street", PASSWORD);
        browser.go("/console/queue.html?community=" + NEIGHBOUR);
        browser.waiting().until(d -> "live".equals(browser.find("#notices-state").getAttribute("data-state")));
        phones.reply(VOLUNTEER_PHONE, "电动车没电了，晚点到");
        browser.waitForText("#notice-list", "电动车没电了，晚点到");
        assertFalse(faraway.json("/notify/staff/notices").toString().contains("电动车没电了"));
    }

    @Test
    void the_need_page_shows_the_resident_told_by_sms_with_the_carriers_receipt() {
        long need = Api.id(operator.post("/api/needs", Map.of("householdId", household, "category", "MEDICINE",
                "urgency", "TODAY", "description", "买药", "items", List.of(Map.of("name", "降压药")))));
        await().until(() -> "OFFERED".equals(admin.get("/api/needs/" + need).get("status")));
        long offer = offerOf(need);
        admin.post("/api/offers/" + offer + "/accept", Map.of("volunteerId", volunteer));
        await().until(() -> phones.received(RESIDENT_PHONE).stream().anyMatch(t -> t.contains("钱奶奶您好：志愿者赵建华")));
        await().until(() -> admin.json("/notify/needs/" + need + "/log").toString().contains("RECEIPT_DELIVERED"));

        browser.forget();
        browser.signIn("coordinator-xinghua", PASSWORD);
        browser.go("/console/need.html?id=" + need);
        browser.waitForText("#told", "住户 钱奶奶");
        String resident = (String) browser.js("const li = document.querySelector(\"#told li[data-recipient='household-"
                + household + "']\"); return li ? li.innerText : '';");
        assertTrue(resident.contains("短信") && resident.contains("已送达") && resident.contains("运营商回执"), resident);
        assertTrue(resident.contains("钱奶奶您好：志愿者赵建华将上门"), resident);
        assertTrue(browser.find("#told").getText().contains("志愿者 赵建华"), browser.find("#told").getText());
        assertFalse(browser.find("#told").getText().contains(RESIDENT_PHONE.substring(3)), "no phone number shown");
        browser.click("#lang-switch");
        browser.waitForText("#told", "Resident 钱奶奶");
        assertTrue(browser.find("#told").getText().contains("delivered"));
        browser.click("#lang-switch");
        browser.phone();
        try {
            browser.go("/console/need.html?id=" + need);
            browser.waitForText("#told", "住户 钱奶奶");
            assertNoSideways();
            browser.screenshotFullPage(SCREENSHOTS.resolve("need-told-zh-CN-375.png"));
        } finally {
            browser.desktop();
        }
    }

    private void assertNoSideways() {
        Number scroll = (Number) browser.js("return document.documentElement.scrollWidth");
        Number width = (Number) browser.js("return document.documentElement.clientWidth");
        assertTrue(scroll.intValue() <= width.intValue(), "the page is " + scroll + " px wide on " + width);
    }

    @Test
    void a_volunteer_whose_offer_was_taken_by_another_is_told_on_the_open_page() {
        String phone = "13800030003";
        long first = Api.id(admin.post("/api/communities/" + COMMUNITY + "/volunteers", Map.of("name", "孙立新",
                "phone", "13800030004", "skills", List.of("ERRANDS"), "lat", LAT, "lon", LON,
                "maxConcurrentJobs", 2, "onDuty", true)));
        long second = Api.id(admin.post("/api/communities/" + COMMUNITY + "/volunteers", Map.of("name", "周晓梅",
                "phone", phone, "skills", List.of("ERRANDS"), "lat", LAT, "lon", LON,
                "maxConcurrentJobs", 2, "onDuty", true)));
        admin.post("/api/communities/" + COMMUNITY + "/teams", Map.of("name", "送餐服务队",
                "specialty", "MEALS", "leaderVolunteerId", first));
        long team = -1;
        for (JsonNode t : admin.json("/api/communities/" + COMMUNITY + "/teams")) {
            if (t.path("team").path("name").asText().equals("送餐服务队")) {
                team = t.path("team").path("id").asLong();
            }
        }
        admin.post("/api/teams/" + team + "/members", Map.of("volunteerId", first));
        admin.post("/api/teams/" + team + "/members", Map.of("volunteerId", second));

        // the second volunteer has their page open
        signInByCode(phone);
        browser.go("/console/volunteer.html");

        // nobody has the skill: the coordinator offers it to the whole team; the first accepts it
        long need = Api.id(operator.post("/api/needs", Map.of("householdId", household, "category", "MEALS",
                "urgency", "TODAY", "description", "送一份午饭")));
        await().until(() -> "UNMATCHED".equals(admin.get("/api/needs/" + need).get("status")));
        Api coordinator = new Api(app.url()).signIn("coordinator-xinghua", PASSWORD);
        coordinator.post("/api/needs/" + need + "/broadcast", Map.of("teamId", team));
        browser.waiting().until(d -> !browser.all("#offers li").isEmpty());
        long offer = -1;
        for (JsonNode o : admin.json("/api/volunteers/" + first + "/offers")) {
            if (o.path("needId").asLong() == need) {
                offer = o.path("offerId").asLong();
            }
        }
        admin.post("/api/offers/" + offer + "/accept", Map.of("volunteerId", first));

        browser.waitForText("#notices", "已由他人接单，无需前往");
        // and in the volunteer's own list of what they were told
        browser.waitForText("#told", "派单已撤回");
        assertTrue(browser.find("#told").getText().contains("页面推送"), browser.find("#told").getText());
    }

    @Test
    void a_volunteer_chooses_sms_only_on_the_page_and_the_next_offer_is_a_text_with_nothing_pushed() {
        String phone = "13800030005";
        long chooser = Api.id(admin.post("/api/communities/" + COMMUNITY + "/volunteers", Map.of("name", "吴秀兰",
                "phone", phone, "skills", List.of("HOME_CARE"), "lat", LAT, "lon", LON,
                "maxConcurrentJobs", 2, "onDuty", true)));
        signInByCode(phone);
        browser.go("/console/volunteer.html");
        browser.visible("#channels-card");
        browser.waiting().until(d -> Boolean.TRUE.equals(browser.js(
                "return document.querySelector('#channels input[value=\"SSE\"]').checked")));

        browser.click("#channels input[value='SMS']");
        browser.waitForText("#channels-feedback", "已保存：只发短信");
        assertEquals("SMS", admin.json("/notify/volunteers/" + chooser + "/channels").get("channels").asText());
        browser.go("/console/volunteer.html");
        browser.waiting().until(d -> Boolean.TRUE.equals(browser.js(
                "return document.querySelector('#channels input[value=\"SMS\"]').checked")));

        // the next offer goes to the phone as a text, and no page is told of it
        long need = Api.id(operator.post("/api/needs", Map.of("householdId", household, "category", "HOME_CARE",
                "urgency", "TODAY", "description", "帮忙打扫卫生")));
        await().until(() -> phones.received(phone).stream().anyMatch(t -> t.contains("新任务#" + need)));
        JsonNode log = admin.json("/notify/volunteers/" + chooser + "/log");
        List<String> channels = new java.util.ArrayList<>();
        log.forEach(line -> {
            if (line.path("needId").asLong() == need) {
                channels.add(line.path("channel").asText());
            }
        });
        assertEquals(List.of("SMS"), channels, log.toString());
    }

    /** Signs a volunteer in on the sign-in page's SMS-code tab, with the code read on the simulated phone. */
    private void signInByCode(String phone) {
        browser.forget();
        browser.go("/console/login.html");
        browser.click("#tab-code");
        browser.type("#phone", phone);
        browser.click("#code-send");
        browser.visible("#code");
        String sms = await().until(() -> phones.received(phone).stream().filter(t -> t.contains("验证码")).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        browser.type("#code", sms.replaceAll("(?s).*验证码是 ([0-9]{6}).*", "$1"));
        browser.click("#code-submit");
        browser.waitForPage("/console/");
    }

    private long offerOf(long need) {
        for (JsonNode o : admin.json("/api/volunteers/" + volunteer + "/offers")) {
            if (o.path("needId").asLong() == need && o.path("status").asText().equals("PENDING")) {
                return o.path("offerId").asLong();
            }
        }
        throw new AssertionError("no pending offer of need " + need);
    }

    private static int status(Api api, String path) {
        try {
            api.json(path);
            return 200;
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
