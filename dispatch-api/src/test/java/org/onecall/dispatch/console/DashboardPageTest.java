package org.onecall.dispatch.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.Db;

/**
 * The three-rates dashboard in Chromium: a coordinator opens it from the console, reads the totals,
 * the charts drawn by the offline Chart.js WebJar, the grid ranking and the complaints, on a phone.
 * The needs' history is written through the API and completed with SQL (the rates read only that).
 */
class DashboardPageTest extends BrowserTestBase {

    static final String HTML_NAME = "<b>第一网格</b>";
    String community;
    long good;
    long bad;
    long waiting;

    @BeforeAll
    void threeNeedsInTwoGrids() {
        community = newCommunity();
        post("/api/communities/" + community + "/grids", Map.of("code", "grid-1", "name", HTML_NAME));
        post("/api/communities/" + community + "/grids", Map.of("code", "grid-2", "name", "第二网格"));
        account("coordinator-dash", "COORDINATOR", community);
        long one = household("grid-1", "钱奶奶", "13900031001");
        long two = household("grid-2", "孙大爷", "13900031002");
        good = raise(one);
        bad = raise(one);
        waiting = raise(two);
        Db db = new Db(dataSource);
        Instant now = Instant.now();
        // good: accepted in time and closed with a 5; bad: accepted in time, rated 2 (a complaint)
        for (long need : List.of(good, bad)) {
            history(db, need, "OfferAccepted", now.plusSeconds(600));
        }
        history(db, good, "NeedClosed", now.plusSeconds(3600));
        db.update("UPDATE need SET status = 'CLOSED' WHERE id = ?", good);
        db.update("INSERT INTO feedback (need_id, rating, solved, recorded_by, recorded_at) VALUES (?, 5, TRUE, 'op', ?)",
                good, Timestamp.from(now));
        db.update("INSERT INTO feedback (need_id, rating, solved, recorded_by, recorded_at) VALUES (?, 2, FALSE, 'op', ?)",
                bad, Timestamp.from(now));
        long feedback = db.count("SELECT MAX(id) FROM feedback WHERE need_id = ?", bad);
        db.update("INSERT INTO complaint (community_id, need_id, household_id, feedback_id, complainant, about, rating,"
                + " solved, status, recorded_by, notified, created_at) VALUES (?, ?, ?, ?, '钱奶奶', '药买错了', 2, FALSE,"
                + " 'OPEN', 'operator-wang', 'coordinator-dash', ?)", community, bad, one, feedback, Timestamp.from(now));
    }

    @BeforeEach
    void signedOut() {
        browser.forget();
    }

    @Test
    void aCoordinatorReadsTheRatesChartsRankingAndComplaintsOnAPhone() {
        browser.signIn("coordinator-dash", PASSWORD);
        browser.phone();
        try {
            browser.click("#link-dashboard");
            browser.waitForPage("/console/dashboard.html");
            browser.waitForText("#total-responseRate", "66.7%");
            assertTrue(browser.find("#total-resolutionRate").getText().contains("33.3%"));
            assertTrue(browser.find("#total-satisfactionRate").getText().contains("50%"),
                    browser.find("#total-satisfactionRate").getText());
            assertTrue(browser.find("#times").getText().contains("共 3 件需求"), browser.find("#times").getText());

            assertEquals(Boolean.TRUE, browser.js("return window.Chart.getChart(document.getElementById('grid-chart'))"
                    + " !== undefined && window.Chart.getChart(document.getElementById('day-chart')) !== undefined"),
                    "both charts were drawn by the WebJar's Chart.js");
            assertEquals(List.of(HTML_NAME, "第二网格"), browser.js("return window.Chart.getChart("
                    + "document.getElementById('grid-chart')).data.labels"));

            String first = browser.find("#ranking li:first-child").getText();
            assertTrue(first.startsWith("1") && first.contains(HTML_NAME), "names shown as text: " + first);
            assertEquals(0L, browser.js("return document.querySelectorAll('main b').length"));
            String complaint = browser.find("#complaints li").getText();
            assertTrue(complaint.contains("钱奶奶") && complaint.contains("药买错了"), complaint);
            assertTrue(browser.find("#hours-export").getAttribute("href")
                    .contains("/api/communities/" + community + "/volunteer-hours/export"));
            assertNoSideways("the dashboard");
            browser.screenshotFullPage(SCREENSHOTS.resolve("dashboard-zh-CN-375.png"));

            browser.click("#complaints button.resolve");
            browser.driver.switchTo().alert().sendKeys("已换志愿者重新买药");
            browser.driver.switchTo().alert().accept();
            browser.waitForText("#complaints", "已处理（coordinator-dash）：已换志愿者重新买药");
            assertEquals("RESOLVED", get("/api/communities/" + community + "/complaints").get(0).get("status").asText());

            browser.click("#lang-switch");
            browser.waitForText("#total-responseRate", "Response");
            browser.waitForText("#ranking", "Needs 2");
            assertNoSideways("the dashboard in English");
        } finally {
            browser.desktop();
            browser.js("localStorage.clear()");
        }
    }

    @Test
    void anEmptyPeriodSaysNoDataAndABadOneIsRefusedWithItsReason() {
        browser.signIn("coordinator-dash", PASSWORD);
        browser.go("/console/dashboard.html");
        browser.js("document.getElementById('from').value = '2020-01-01';"
                + "document.getElementById('to').value = '2020-01-31'");
        browser.click("#show");
        browser.waitForText("#total-responseRate", "无数据");
        browser.waitForText("#ranking", "这段时间没有需求");
        browser.js("document.getElementById('from').value = '2020-02-01'");
        browser.click("#show");
        browser.waitForText("#feedback", "from");
    }

    private long household(String grid, String name, String phone) {
        return post("/api/communities/" + community + "/households", Map.of("headName", name, "phone", phone,
                "building", "1号楼", "address", "1号楼2单元301", "grid", grid, "lat", 39.7275, "lon", 116.3405))
                .get("id").asLong();
    }

    private long raise(long household) {
        return post("/api/needs", Map.of("householdId", household, "category", "MEDICINE", "urgency", "TODAY",
                "description", "代购降压药", "items", List.of(Map.of("name", "降压药", "quantity", 1)), "separate", true)).get("id").asLong();
    }

    private static void history(Db db, long need, String type, Instant at) {
        db.update("INSERT INTO need_history (need_id, occurred_at, event_type, from_status, to_status, actor)"
                + " VALUES (?, ?, ?, 'OFFERED', 'ASSIGNED', 'test')", need, Timestamp.from(at), type);
    }
}
