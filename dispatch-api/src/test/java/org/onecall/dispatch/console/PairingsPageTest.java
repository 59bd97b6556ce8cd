package org.onecall.dispatch.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one-to-one pairing page in Chromium at 375 px: a coordinator pairs a volunteer with a household. */
class PairingsPageTest extends BrowserTestBase {

    String community;
    long volunteer;
    long household;

    @BeforeAll
    void aVolunteerAndAHousehold() {
        community = newCommunity();
        account("coordinator-pairs", "COORDINATOR", community);
        volunteer = post("/api/communities/" + community + "/volunteers", Map.of("name", "王<b>秀英</b>",
                "phone", "13800032001", "skills", List.of("COMPANIONSHIP"), "lat", 39.7275, "lon", 116.3405,
                "maxConcurrentJobs", 2, "onDuty", true)).get("id").asLong();
        household = post("/api/communities/" + community + "/households", Map.of("headName", "冯奶奶",
                "phone", "13900032009", "building", "5号楼", "address", "5号楼2单元202", "lat", 39.7275,
                "lon", 116.3405)).get("id").asLong();
    }

    @BeforeEach
    void signedOut() {
        browser.forget();
    }

    @Test
    void aCoordinatorPairsAVolunteerWithAHouseholdAndIsToldWhatWasWrong() {
        browser.signIn("coordinator-pairs", PASSWORD);
        browser.phone();
        try {
            browser.click("#link-pairings");
            browser.waitForPage("/console/pairings.html");
            browser.waitForText("#pairings", "还没有结对");
            browser.choose("#volunteer", String.valueOf(volunteer));
            browser.type("#household-q", "冯");
            browser.waitForText("#household", "冯奶奶 · 5号楼");
            browser.type("#schedule", "每周二上午");
            browser.click("#pair-submit");
            browser.waitForText("#form-feedback", "schedule");

            browser.type("#schedule", "周二 09:00-11:00");
            browser.type("#description", "陪老人聊天，看看家里缺什么");
            browser.click("#pair-submit");
            browser.waitForText("#form-feedback", "已建立结对");
            browser.waitForText("#pairings", "王<b>秀英</b> 结对帮扶 冯奶奶");
            assertTrue(browser.find("#pairings").getText().contains("每周 TUE 09:00-11:00"));
            assertEquals(0L, browser.js("return document.querySelectorAll('main b').length"), "names shown as text");
            assertNoSideways("the pairing page");
            browser.screenshotFullPage(SCREENSHOTS.resolve("pairings-zh-CN-375.png"));
        } finally {
            browser.desktop();
        }
        JsonNode made = get("/api/communities/" + community + "/pairings").get(0);
        assertEquals(volunteer, made.get("volunteerId").asLong());
        assertEquals(household, made.get("householdId").asLong());
    }
}
