package org.onecall.dispatch.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.MatchEvents.MatchProposed;
import org.onecall.events.MatchEvents.ScorePart;
import org.onecall.events.Topics;
import org.onecall.testsupport.TestKafka;

/** The need page says why its volunteer was proposed, from the score's parts, in the page's language. */
class WhyThisVolunteerPageTest extends BrowserTestBase {

    @Test
    void theNeedPageShowsTheScorePartsInChineseAndEnglish() {
        String c = newCommunity();
        account("coordinator-why", "COORDINATOR", c);
        long volunteer = post("/api/communities/" + c + "/volunteers", Map.of("name", "李建国", "phone",
                "13800140001", "skills", List.of("MEALS"), "lat", 39.7276, "lon", 116.3405, "maxConcurrentJobs", 2,
                "onDuty", true, "kind", "STEWARD")).get("id").asLong();
        long household = post("/api/communities/" + c + "/households", Map.of("headName", "钱奶奶",
                "phone", "13900140001", "building", "2号楼", "address", "2号楼1单元502", "lat", 39.7275,
                "lon", 116.3405)).get("id").asLong();
        long need = post("/api/needs", Map.of("householdId", household, "category", "MEALS", "urgency", "TODAY",
                "description", "午饭", "preferredVolunteerId", volunteer))
                .get("id").asLong();
        MatchProposed proposed = new MatchProposed(need, 1, volunteer, null, 11, "test", -5389.5, List.of(
                new ScorePart("WALK", 11, null, 11), new ScorePart("JOBS_THIS_WEEK", 2, null, 120),
                new ScorePart("PREFERRED", 1, null, -5000), new ScorePart("LANGUAGE", 1, "上海话", -200),
                new ScorePart("KIND", 1, "STEWARD", -400), new ScorePart("RATING", 4.5, null, 10)), List.of());
        try (TestKafka kafka = new TestKafka()) {
            kafka.send(Topics.MATCHES, c, EventJson.write(EventEnvelope.of(proposed, c, Clock.systemUTC())));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "OFFERED".equals(get("/api/needs/" + need)
                .get("status").asText()));
        var view = get("/api/needs/" + need);
        assertEquals(volunteer, view.path("preferences").path("preferredVolunteerId").asLong(), view.toString());

        browser.signIn("coordinator-why", PASSWORD);
        browser.go("/console/need.html?id=" + need);
        browser.waitForText("#facts", "推荐理由");
        String facts = browser.find("#facts").getText();
        assertTrue(facts.contains("步行 11 米，本周已接 2 单，居民点名，会说上海话，身份：邻里管家，评分 4.5"), facts);
        browser.phone();
        try {
            browser.go("/console/need.html?id=" + need);
            browser.waitForText("#facts", "推荐理由");
            assertNoSideways("the need page with its score");
            browser.screenshotFullPage(SCREENSHOTS.resolve("need-why-zh-CN-375.png"));
        } finally {
            browser.desktop();
        }
        browser.js("localStorage.setItem('onecall.lang', 'en'); return null");
        browser.go("/console/need.html?id=" + need);
        browser.waitForText("#facts", "Why this volunteer");
        assertTrue(browser.find("#facts").getText().contains("walk 11 m, 2 jobs this week, asked for by name, "
                + "speaks 上海话, is a neighbourhood steward, rated 4.5"), browser.find("#facts").getText());
        browser.js("localStorage.removeItem('onecall.lang'); return null");
    }
}
