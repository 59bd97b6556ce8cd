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
import org.onecall.testsupport.TestTokens;
import org.openqa.selenium.Cookie;

/** A volunteer's hours page in Chromium at 375 px: total, star level, progress and the records, as text. */
class HoursPageTest extends BrowserTestBase {

    static final String CONTENT = "代购药品：<i>降压药</i>两盒";
    String community;
    long volunteer;

    @BeforeAll
    void aVolunteerWithHours() {
        community = newCommunity();
        account("coordinator-hours", "COORDINATOR", community);
        volunteer = post("/api/communities/" + community + "/volunteers", Map.of("name", "周志明",
                "phone", "13800031001", "skills", List.of("MEDICINE"), "lat", 39.7275, "lon", 116.3405,
                "maxConcurrentJobs", 2, "onDuty", true)).get("id").asLong();
        long household = post("/api/communities/" + community + "/households", Map.of("headName", "吴奶奶",
                "phone", "13900031009", "building", "3号楼", "address", "3号楼1单元101", "lat", 39.7275,
                "lon", 116.3405)).get("id").asLong();
        long need = post("/api/needs", Map.of("householdId", household, "category", "MEDICINE", "urgency", "TODAY",
                "description", "代购降压药", "items", List.of(Map.of("name", "降压药", "quantity", 2)))).get("id").asLong();
        Db db = new Db(dataSource);
        Instant start = Instant.parse("2026-11-03T01:00:00Z");
        // 100 hours long ago (the first star) and one 90-minute job
        addHours(db, need, start.minusSeconds(86400 * 30), 6000, null, "coordinator-hours");
        addHours(db, need, start, 90, 5, "operator-wang");
    }

    @BeforeEach
    void signedOut() {
        browser.forget();
    }

    @Test
    void aVolunteerSeesTheirHoursStarsAndRecordsOnAPhone() {
        browser.phone();
        try {
            browser.go("/console/login.html");
            browser.driver.manage().addCookie(new Cookie("ONECALL_SESSION", TestTokens.volunteer(volunteer, community)));
            browser.go("/console/");
            browser.click("#link-hours");
            browser.waitForPage("/console/hours.html");
            browser.waitForText("#total", "101.5 小时");
            assertEquals("★", browser.find("#stars").getText());
            assertTrue(browser.find("#level").getText().contains("1 星志愿者"));
            assertTrue(browser.find("#next").getText().contains("再服务 198.5 小时即可升为 2 星"),
                    browser.find("#next").getText());
            assertEquals("我的志愿时长", browser.find("#heading").getText());
            assertEquals(2, browser.all("#records li").size());
            String latest = browser.find("#records li:first-child").getText();
            assertTrue(latest.contains(CONTENT) && latest.contains("1.5 小时") && latest.contains("3号楼")
                    && latest.contains("居民评价 5 分"), latest);
            assertEquals(0L, browser.js("return document.querySelectorAll('main i').length"), "content shown as text");
            assertNoSideways("the hours page");
            browser.screenshotFullPage(SCREENSHOTS.resolve("hours-zh-CN-375.png"));
        } finally {
            browser.desktop();
        }
    }

    @Test
    void aCoordinatorOpensAVolunteersHoursAndAnotherVolunteerIsRefused() {
        browser.signIn("coordinator-hours", PASSWORD);
        browser.go("/console/hours.html?volunteer=" + volunteer);
        browser.waitForText("#heading", "周志明 的志愿时长");
        browser.forget();
        long other = post("/api/communities/" + community + "/volunteers", Map.of("name", "郑小红",
                "phone", "13800031002", "skills", List.of("MEDICINE"), "lat", 39.7275, "lon", 116.3405,
                "maxConcurrentJobs", 2, "onDuty", true)).get("id").asLong();
        browser.go("/console/login.html");
        browser.driver.manage().addCookie(new Cookie("ONECALL_SESSION", TestTokens.volunteer(other, community)));
        browser.go("/console/hours.html?volunteer=" + volunteer);
        assertTrue(browser.visible("#feedback .alert").isDisplayed());
        assertTrue(browser.find("#hours").getAttribute("hidden") != null);
    }

    private void addHours(Db db, long need, Instant start, int minutes, Integer rating, String by) {
        db.update("INSERT INTO volunteer_hours (community_id, volunteer_id, need_id, content, place, started_at, ended_at,"
                + " minutes, rating, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, '3号楼', ?, ?, ?, ?, ?, ?)",
                community, volunteer, need, CONTENT, Timestamp.from(start), Timestamp.from(start.plusSeconds(minutes * 60L)),
                minutes, rating, by, Timestamp.from(start));
    }
}
