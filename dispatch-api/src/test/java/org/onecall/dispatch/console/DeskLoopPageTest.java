package org.onecall.dispatch.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.FakeMatcher;
import org.onecall.kit.KafkaSender;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.onecall.testsupport.browser.Browser;

/**
 * The whole job by clicking, in two real Chromiums: the phone system announces a call, the
 * operator's desk pops the caller's household, the operator takes a need with items from the
 * keyboard; the volunteer's phone page gets the offer while it is open, the volunteer accepts, sees
 * the address, arrives and completes; the operator enters the resident's rating on "my list"; the
 * need shows CLOSED with its history in Chinese, with names and no ids. This test plays the matcher.
 */
class DeskLoopPageTest extends BrowserTestBase {

    static final String COMMUNITY = "desk-community"; // the test phone system answers its calls
    static final String TOKEN = "test-pbx-token-0123456789";
    static final String OPERATOR = "operator-desk";
    static final String VOLUNTEER_PHONE = "13600001111";

    @Inject
    KafkaSender kafka;

    private long household;
    private long volunteer;

    @BeforeAll
    void theCommunity() {
        post("/api/communities", Map.of("id", COMMUNITY, "name", "兴华南里社区"));
        account(OPERATOR, "OPERATOR", COMMUNITY);
        household = post("/api/communities/" + COMMUNITY + "/households", Map.ofEntries(
                Map.entry("headName", "赵大爷"), Map.entry("phones", List.of(Map.of("number", "13900020001"))),
                Map.entry("compound", "兴华南里"), Map.entry("building", "1号楼"), Map.entry("unit", "2单元"),
                Map.entry("room", "301"), Map.entry("lat", 39.7275), Map.entry("lon", 116.3405),
                Map.entry("tags", List.of("LIVING_ALONE", "ELDERLY")), Map.entry("contactNotes", "耳背，请大声说话"),
                Map.entry("consentToContact", true),
                Map.entry("residents", List.of(Map.of("name", "赵大妈", "relation", "SPOUSE", "birthYear", 1950)))))
                .get("id").asLong();
        volunteer = post("/api/communities/" + COMMUNITY + "/volunteers", Map.of("name", "李建国",
                "phone", VOLUNTEER_PHONE, "skills", List.of("ERRANDS", "MEDICINE"), "lat", 39.728, "lon", 116.341,
                "maxConcurrentJobs", 2, "onDuty", true)).get("id").asLong();
    }

    @Test
    void fromTheCallToTheRatingByClicking() {
        Browser phone = Browser.open(browser.base());
        try {
            // the volunteer's page is open before anything happens: the offer must come to it
            signInByCode(phone, VOLUNTEER_PHONE);
            phone.go("/console/volunteer.html");
            phone.waitForText("#heading", "李建国");
            phone.waitForText("#offers", "现在没有新的派单");

            browser.forget();
            browser.signIn(OPERATOR, PASSWORD);
            browser.go("/console/desk.html");
            awaitLive();
            assertEquals("兴华南里社区", browser.find("#community option").getText(), "the community by its name");

            // 1. the phone rings: the phone system posts the number, written its own way
            JsonNode rang = send(HttpRequest.POST("/api/phone/calls", Map.of("caller", "139-0002-0001"))
                    .header("X-Phone-System-Token", TOKEN));
            // a desk another test left is dropped only when the server next writes to it: at least this one
            assertTrue(rang.get("desksTold").asInt() >= 1, rang::toString);
            browser.waitForText("#household-name", "赵大爷");
            String card = browser.find("#household-card").getText();
            for (String expected : List.of("兴华南里1号楼2单元301", "赵大妈", "配偶", "独居", "耳背，请大声说话", "已同意")) {
                assertTrue(card.contains(expected), expected + " on the card: " + card);
            }

            // the intake from the keyboard: a letter picks the category, Enter adds the next item, Ctrl+Enter saves
            active().sendKeys("d");
            assertTrue(browser.find("#cat-ERRANDS").isSelected(), "d is 代购代办");
            browser.find("#item-name-0").sendKeys("鸡蛋", Keys.ENTER);
            active().sendKeys("挂面", Keys.TAB, Keys.chord(Keys.CONTROL, "a"), "2", Keys.TAB, "把");
            browser.find("#field-topic").sendKeys("去超市买菜");
            active().sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
            browser.waitForText("#intake-feedback", "已保存 1 项需求");
            long need = Long.parseLong(browser.visible("#saved-needs li").getAttribute("data-need"));
            JsonNode raised = get("/api/needs/" + need);
            assertEquals(OPERATOR, raised.get("takenBy").asText());
            assertEquals("挂面", raised.get("items").get(1).get("name").asText());
            assertEquals(2, raised.get("items").get(1).get("quantity").asInt());
            assertEquals("去超市买菜", raised.get("details").get("topic").asText());

            // a second call about the same errand is a repeat: the desk says so before saving
            browser.find("#cat-MEALS").sendKeys("d");
            browser.find("#description").sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
            browser.waitForText("#repeat-warning", "这户已有同类需求在办");
            browser.click("#repeat-cancel");

            // 2. the matcher proposes the volunteer; the desk shows the change live
            new FakeMatcher(kafka).propose(COMMUNITY, need, raised.get("matchAttempt").asInt(), volunteer);
            browser.waitForText("[data-need-status='" + need + "']", "已派单");

            // the volunteer's page gets the offer without being reloaded
            long offer = get("/api/volunteers/" + volunteer + "/offers?status=PENDING").get(0).get("offerId").asLong();
            phone.visible("#accept-" + offer);
            String offered = phone.find("li[data-offer='" + offer + "']").getText();
            assertTrue(offered.contains("代购代办") && offered.contains("鸡蛋") && offered.contains("兴华南里1号楼"),
                    offered);
            assertFalse(offered.contains("301"), "no room number before accepting: " + offered);

            // 3. accept, see the address, arrive, complete
            phone.click("#accept-" + offer);
            phone.waitForText("#job-address-" + need, "兴华南里1号楼2单元301");
            assertEquals("tel:+8613900020001", phone.find("#job-call-" + need).getAttribute("href"));
            phone.click("#arrive-" + need);
            phone.click("#complete-" + need);
            phone.type("#note-" + need, "鸡蛋挂面都买齐了");
            phone.click("#complete-confirm-" + need);
            phone.waitForText("#jobs", "没有进行中的任务");
            assertEquals("DONE", get("/api/needs/" + need).get("status").asText());

            // 4. the operator's list says the call-back is due; the rating is entered there
            browser.visible("#cb-save-" + need);
            assertTrue(browser.find("#mine").getText().contains("李建国"), "the volunteer by name on my list");
            browser.choose("#cb-rating-" + need, "4");
            browser.type("#cb-comment-" + need, "很满意");
            browser.click("#cb-save-" + need);
            browser.waitForText("#mine-feedback", "回访结果已保存");
            assertEquals("CLOSED", get("/api/needs/" + need).get("status").asText());

            // 5. the need, closed, with its history in Chinese and people by name
            browser.go("/console/need.html?id=" + need);
            browser.waitForText("#status", "已办结");
            String facts = browser.find("#facts").getText();
            assertTrue(facts.contains("兴华南里社区") && facts.contains("赵大爷") && facts.contains("李建国"), facts);
            String history = browser.find("#history").getText();
            for (String expected : List.of("登记需求", "派单", "接单", "到达现场", "完成服务", "鸡蛋挂面都买齐了",
                    "办结", "评分 4 星", "李建国")) {
                assertTrue(history.contains(expected), expected + " in the history: " + history);
            }
            assertFalse(history.contains("rating") || history.contains("volunteer-"), history);
            browser.click("#lang-switch");
            browser.waitForText("#history", "rated 4 stars");
            assertTrue(browser.find("#history").getText().contains("Closed"), "the history in the page's language");

            // the volunteer's own history holds the finished job
            phone.go("/console/volunteer.html");
            phone.waitForText("#history", "已办结");

            // no sideways scrolling on a phone; screenshots of both pages at both widths
            shoot(phone, "/console/volunteer.html", "#heading", "loop-volunteer");
            shoot(browser, "/console/desk.html", "#mine", "loop-desk");
        } finally {
            phone.close();
        }
    }

    @Test
    void anUnknownCallerBecomesANewHouseholdInAFewFields() {
        browser.forget();
        browser.signIn(OPERATOR, PASSWORD);
        browser.go("/console/desk.html");
        awaitLive();
        send(HttpRequest.POST("/api/phone/calls", Map.of("caller", "010-6920 1234", "extension", "801"))
                .header("X-Phone-System-Token", TOKEN));
        browser.waitForText("#pop", "没有登记过的号码");
        assertEquals("010-6920 1234", browser.visible("#nh-phone").getAttribute("value"), "the number is filled in");
        // from the keyboard: the name field has the focus, Tab moves on, Enter registers
        active().sendKeys("孙阿姨");
        browser.find("#nh-compound").sendKeys("兴华南里");
        browser.find("#nh-building").sendKeys("1号楼");
        browser.find("#nh-room").sendKeys("402", Keys.ENTER);
        browser.waitForText("#household-name", "孙阿姨");
        JsonNode found = get("/api/households?phone=01069201234");
        assertEquals(1, found.size());
        assertEquals(39.7275, found.get(0).get("lat").asDouble(), 1e-9, "placed where its building's neighbours are");
        assertTrue(browser.find("#household-facts").getText().contains("兴华南里1号楼"));
    }

    @Test
    void outsideDemoModeTheSignInPageShowsNoCode() {
        browser.forget();
        browser.go("/console/login.html");
        browser.click("#tab-code");
        browser.type("#phone", VOLUNTEER_PHONE);
        browser.click("#code-send");
        browser.waitForText("#code-feedback", "验证码");
        assertTrue(browser.all("#demo-code").isEmpty(), "production never shows the code");
        assertEquals(404, refused(HttpRequest.GET("/api/auth/code/demo?phone=" + VOLUNTEER_PHONE)).status());
    }

    private org.openqa.selenium.WebElement active() {
        return browser.driver.switchTo().activeElement();
    }

    private void awaitLive() {
        browser.waiting().until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "on"));
    }

    private void shoot(Browser b, String page, String shown, String name) {
        b.go(page);
        b.visible(shown);
        if (page.endsWith("desk.html")) {
            b.waiting().until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "on"));
        }
        save(b, name + "-1280.png");
        b.phone();
        try {
            b.go(page);
            b.visible(shown);
            assertNoSideways(b, name + " at 375 px");
            save(b, name + "-375.png");
        } finally {
            b.desktop();
        }
    }

    private static void assertNoSideways(Browser b, String when) {
        Number scroll = (Number) b.js("return document.documentElement.scrollWidth");
        Number width = (Number) b.js("return document.documentElement.clientWidth");
        assertTrue(scroll.intValue() <= width.intValue(), when + ": the page is " + scroll + " px wide on a "
                + width + " px screen");
    }

    /** For people to look at (target/screenshots); the README's come from DemoDesksPageTest. */
    private static void save(Browser b, String file) {
        b.screenshotFullPage(SCREENSHOTS.resolve(file));
    }
}
