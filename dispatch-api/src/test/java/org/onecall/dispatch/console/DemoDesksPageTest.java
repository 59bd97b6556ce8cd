package org.onecall.dispatch.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.FakeMatcher;
import org.onecall.kit.KafkaSender;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.onecall.testsupport.browser.Browser;

/**
 * The desks on the demo community (ONECALL_DEMO=1), as a new user meets them: the sign-in page shows
 * the simulated SMS code (demo mode only: DeskLoopPageTest proves the production setting hides it),
 * the volunteer signs in with it, the operator finds a resident by a number written any way; the
 * screenshots of both pages at 1280 and 375 px for the README come from here.
 */
class DemoDesksPageTest extends BrowserTestBase {

    static final String DEMO = "xinghua-nanli";
    static final String DEMO_PASSWORD = "onecall-demo-2026";
    static final String LI_JIANGUO = "13800010001";
    static final Path DOCS = Path.of("..", "docs", "screenshots");

    @Inject
    KafkaSender kafka;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new java.util.HashMap<>(super.getProperties());
        p.put("onecall.demo.enabled", "true");
        p.put("onecall.demo.password", DEMO_PASSWORD);
        return p;
    }

    @Test
    void aDemoVolunteerSignsInWithTheCodeShownAndTheOperatorTakesACall() {
        Browser phone = Browser.open(browser.base());
        try {
            phone.go("/console/login.html");
            phone.click("#tab-code");
            phone.type("#phone", LI_JIANGUO);
            phone.click("#code-send");
            String shown = phone.visible("#demo-code").getText();
            String code = shown.replaceAll(".*([0-9]{6}).*", "$1");
            assertTrue(code.matches("[0-9]{6}"), shown);
            phone.type("#code", code);
            phone.click("#code-submit");
            phone.waitForPage("/console/");
            phone.click("#link-volunteer");
            phone.waitForPage("/console/volunteer.html");
            phone.waitForText("#heading", "李建国");
            assertTrue(phone.find("#who").getText().contains("李建国"), "the bar names the volunteer, not the account");

            // an offer for the screenshots: a need raised through the API, proposed as the matcher would
            long volunteer = StreamSupport.stream(get("/api/communities/" + DEMO + "/volunteers").spliterator(), false)
                    .filter(v -> v.get("name").asText().equals("李建国")).findFirst().orElseThrow().get("id").asLong();
            long household = get("/api/households?phone=13900020002").get(0).get("id").asLong();
            JsonNode need = post("/api/needs", Map.of("householdId", household, "category", "MEDICINE",
                    "urgency", "TODAY", "description", "代购降压药", "items", List.of(Map.of("name", "硝苯地平缓释片", "quantity", 2, "unit", "盒"),
                            Map.of("name", "阿司匹林", "quantity", 1, "unit", "盒"))));
            new FakeMatcher(kafka).propose(DEMO, need.get("id").asLong(), need.get("matchAttempt").asInt(), volunteer);
            long offer = phone.waiting().until(d -> {
                JsonNode pending = get("/api/volunteers/" + volunteer + "/offers?status=PENDING");
                return pending.isEmpty() ? null : pending.get(0).get("offerId").asLong();
            });
            phone.visible("#accept-" + offer);
            shoot(phone, "/console/volunteer.html", "#accept-" + offer, "volunteer-offer");
            phone.click("#accept-" + offer);
            phone.visible("#arrive-" + need.get("id").asLong());
            shoot(phone, "/console/volunteer.html", "#arrive-" + need.get("id").asLong(), "volunteer-job");

            browser.forget();
            browser.signIn("operator-wang", DEMO_PASSWORD);
            browser.go("/console/desk.html");
            browser.waiting().until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "on"));
            browser.type("#search", "139 0002 0001");
            browser.click("#search-submit");
            browser.waitForText("#household-name", "赵大爷");
            browser.driver.switchTo().activeElement().sendKeys("m");
            browser.find("#item-name-0").sendKeys("午饭套餐");
            assertEquals("兴华南里社区 Xinghua Nanli", browser.find("#community option").getText());
            shootAsIs(browser, "desk");

            // several needs in one call: the meal goes into the call, then a repair, saved together
            browser.click("#add-to-call");
            browser.waitForText("#call-needs", "送餐/吃饭");
            browser.driver.switchTo().activeElement().sendKeys("w");
            browser.find("#field-whatIsBroken").sendKeys("厨房水龙头漏水", org.openqa.selenium.Keys.chord(
                    org.openqa.selenium.Keys.CONTROL, org.openqa.selenium.Keys.ENTER));
            browser.waitForText("#intake-feedback", "已保存 2 项需求");
            long zhao = get("/api/households?phone=13900020001").get(0).get("id").asLong();
            List<String> raised = StreamSupport.stream(get("/api/households/" + zhao + "/needs").spliterator(), false)
                    .map(n -> n.get("category").asText() + " " + n.get("takenBy").asText()).sorted().toList();
            assertEquals(List.of("MEALS operator-wang", "REPAIRS operator-wang"), raised);
        } finally {
            phone.close();
        }
    }

    @Test
    void theOperatorSeesHerCallBackTasksWithTheHouseholdAndClosesOneWithWhatWasSaid() {
        String wang = org.onecall.testsupport.TestTokens.token("operator-wang", "OPERATOR", List.of(DEMO), null);
        long household = get("/api/households?phone=13900020002").get(0).get("id").asLong();
        JsonNode need = send(io.micronaut.http.HttpRequest.POST("/api/needs", Map.of("householdId", household,
                "category", "MEALS", "urgency", "TODAY", "description", "午饭送到家", "separate", true)).bearerAuth(wang));
        long needId = need.get("id").asLong();
        // what the notifier raises when a text cannot reach the household (issue 15's fallback, contract C5)
        long task = post("/api/service/needs/" + needId + "/callbacks", Map.of("eventId", "desk-test-" + needId,
                "reason", "NO_MOBILE", "message", "志愿者李建国今天11点前送午饭上门")).get("id").asLong();

        browser.signIn("operator-wang", DEMO_PASSWORD);
        browser.go("/console/desk.html");
        browser.waitForText("#task-" + task, "无手机");
        String line = browser.find("#task-" + task).getText();
        assertTrue(line.contains("钱奶奶") && line.contains("志愿者李建国今天11点前送午饭上门"), line);
        browser.type("#task-outcome-" + task, "已电话告知老人");
        browser.click("#task-close-" + task);
        browser.waitForText("#mine-feedback", "回访任务已关闭");
        JsonNode open = send(io.micronaut.http.HttpRequest.GET("/api/callbacks?mine=true").bearerAuth(wang));
        assertTrue(StreamSupport.stream(open.spliterator(), false).noneMatch(t -> t.get("id").asLong() == task),
                open::toString);
    }

    /** Reloads the page at 1280 and 375 px (waiting for {@code shown}) and saves both. */
    private void shoot(Browser b, String page, String shown, String name) {
        save(b, name + "-1280.png");
        b.phone();
        try {
            b.go(page);
            b.visible(shown);
            noSideways(b, name);
            save(b, name + "-375.png");
        } finally {
            b.desktop();
        }
    }

    /** The page as it is now (a form half filled) at 1280 px, then narrowed to 375 px without reloading. */
    private void shootAsIs(Browser b, String name) {
        save(b, name + "-1280.png");
        b.phone();
        try {
            noSideways(b, name);
            save(b, name + "-375.png");
        } finally {
            b.desktop();
        }
    }

    private static void noSideways(Browser b, String name) {
        Number scroll = (Number) b.js("return document.documentElement.scrollWidth");
        Number width = (Number) b.js("return document.documentElement.clientWidth");
        assertTrue(scroll.intValue() <= width.intValue(), name + " at 375 px: the page is " + scroll + " px wide");
    }

    private static void save(Browser b, String file) {
        b.screenshotFullPage(SCREENSHOTS.resolve(file));
        if ("1".equals(System.getenv("ONECALL_DOCS_SCREENSHOTS")) && Files.isDirectory(DOCS.getParent())) {
            b.screenshotFullPage(DOCS.resolve(file));
        }
    }
}
