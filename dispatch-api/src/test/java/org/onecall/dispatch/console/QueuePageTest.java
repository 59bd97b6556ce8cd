package org.onecall.dispatch.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.DispatchTestHttp.MovableClock;
import org.onecall.dispatch.FakeMatcher;
import org.onecall.kit.KafkaSender;

/**
 * The coordinator's queue in Chromium, live: a need raised through the API appears in the open page by
 * itself (server-sent events), climbs the ladder as the test's clock moves while nobody takes it, and the
 * coordinator assigns it by hand on the page; the queue then shows who holds it, by name.
 */
class QueuePageTest extends BrowserTestBase {

    @Inject
    Clock appClock;
    @Inject
    KafkaSender kafka;

    private String community;
    private long household;
    private long helper;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new java.util.HashMap<>(super.getProperties());
        p.put("onecall.escalation.check", "100ms");
        p.put("onecall.outbox.poll-interval", "100ms");
        p.put("onecall.test.movable-clock", "true");
        return p;
    }

    @BeforeAll
    void fixture() {
        community = newCommunity();
        long teamLeader = volunteer("刘队长", false);
        long gridLeader = volunteer("李网格长", false);
        helper = volunteer("王秀英", true);
        post("/api/communities/" + community + "/teams", Map.of("name", "代购药品服务队", "specialty", "MEDICINE",
                "leaderVolunteerId", teamLeader));
        post("/api/communities/" + community + "/grids", Map.of("code", "grid-1", "name", "第一网格",
                "leaderVolunteerId", gridLeader));
        household = post("/api/communities/" + community + "/households", Map.of("headName", "钱奶奶",
                "phone", "13900020002", "building", "2号楼", "address", "2号楼1单元502", "grid", "grid-1",
                "lat", 39.7277, "lon", 116.3402)).get("id").asLong();
        post("/api/communities/" + community + "/merchants", Map.of("name", "兴华大药房", "kind", "MERCHANT",
                "offerings", List.of(Map.of("category", "MEDICINE", "description", "代购药品")),
                "lat", 39.7285, "lon", 116.3395, "dailyCapacity", 40, "fulfilment", "BOTH"));
        account("coordinator-queue", "COORDINATOR", community);
    }

    private long volunteer(String name, boolean onDuty) {
        return post("/api/communities/" + community + "/volunteers", Map.of("name", name,
                "phone", "1380013" + String.format("%04d", (name.hashCode() & 0x7fff) % 10000),
                "skills", List.of("MEDICINE"), "lat", 39.7270, "lon", 116.3410, "maxConcurrentJobs", 2,
                "onDuty", onDuty)).get("id").asLong();
    }

    /** Read in the page in one go: the list is redrawn on every change, so element handles go stale. */
    private String cardText(long need) {
        return (String) browser.js("const li = document.querySelector(\"#needs li[data-id='" + need + "']\");"
                + " return li ? li.innerText : '';");
    }

    private String cardPart(long need, String role) {
        return (String) browser.js("const x = document.querySelector(\"#needs li[data-id='" + need + "'] [data-role="
                + role + "]\"); return x ? x.innerText : '';");
    }

    @Test
    void aNeedAppearsLiveClimbsTheLadderAndIsAssignedByHandOnThePage() {
        browser.forget();
        browser.signIn("coordinator-queue", PASSWORD);
        browser.go("/console/queue.html?community=" + community);
        browser.waiting().until(d -> "live".equals(browser.find("#live").getAttribute("data-state")));

        long need = post("/api/needs", Map.of("householdId", household, "category", "MEDICINE", "urgency", "TODAY",
                "description", "代购降压药两盒", "items", List.of(Map.of("name", "降压药", "quantity", 2, "unit", "盒")))).get("id").asLong();
        // 1. the open page shows it by itself, pushed over the stream
        Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> cardText(need).contains("钱奶奶"));
        assertTrue(cardText(need).contains("尚无人接单"), cardText(need));

        // 2. nobody takes it: it climbs as the clock moves, and the page says where it is and who was told
        new FakeMatcher(kafka).notFound(community, need, 1, "没有空闲的志愿者");
        browser.waiting().until(d -> cardText(need).contains("上报：队长"));
        assertTrue(cardText(need).contains("已通知 刘队长"), cardText(need));
        assertTrue(cardText(need).contains("30 分钟后继续上报") || cardText(need).contains("29 分钟后继续上报"),
                cardText(need));
        assertEquals("0", browser.js("return Array.from(document.querySelectorAll('#needs li'))"
                + ".findIndex(li => li.dataset.id === '" + need + "').toString()"), "escalated needs come first");
        ((MovableClock) appClock).advance(Duration.ofMinutes(31));
        browser.waiting().until(d -> cardText(need).contains("上报：网格长"));
        assertTrue(cardText(need).contains("李网格长"), cardText(need));

        // 3. the coordinator opens it and assigns it by hand: the volunteer agreed on the phone
        browser.js("document.querySelector(\"#needs li[data-id='" + need + "']\").click()");
        browser.waitForText("#detail-history", "上报");
        assertEquals(1L, browser.js("return document.querySelectorAll('#map [data-role=circle]').length"),
                "the selected need's 15-minute circle is drawn");
        browser.choose("#assign-volunteer", String.valueOf(helper));
        browser.click("#assign-direct");
        browser.type("#assign-note", "电话联系过，马上去");
        browser.click("#assign-submit");

        // 4. the queue shows it held, by name
        browser.waiting().until(d -> cardText(need).contains("由 王秀英 负责"));
        assertTrue(cardPart(need, "status").contains("已接单"), cardText(need));
        browser.waitForText("#detail-history", "人工指派");
        assertTrue(browser.find("#detail-history").getText().contains("coordinator-queue"));
        assertEquals("", cardPart(need, "ladder"), "held: off the ladder");
        browser.screenshotFullPage(SCREENSHOTS.resolve("queue-zh-CN-desktop.png"));

        browser.phone();
        try {
            browser.go("/console/queue.html?community=" + community);
            browser.waiting().until(d -> cardText(need).contains("王秀英"));
            assertNoSideways("the queue on a phone");
            browser.screenshotFullPage(SCREENSHOTS.resolve("queue-zh-CN-375.png"));
        } finally {
            browser.desktop();
        }
    }

    @Test
    void filtersNarrowTheQueue() {
        long need = post("/api/needs", Map.of("householdId", household, "category", "REPAIRS", "urgency", "URGENT",
                "description", "水管漏水", "details", Map.of("whatIsBroken", "水管")))
                .get("id").asLong();
        browser.forget();
        browser.signIn("coordinator-queue", PASSWORD);
        browser.go("/console/queue.html?community=" + community);
        browser.waiting().until(d -> !cardText(need).isEmpty());
        // dispatch-api alone, without the notifier: the notices panel says so in one quiet line, the queue works
        browser.waiting().until(d -> "absent".equals(browser.find("#notices-state").getAttribute("data-state")));
        assertTrue(browser.find("#notices-state").getText().contains("通知服务暂时不可用"));
        assertTrue(!browser.find("#notices-unread").isDisplayed());
        browser.choose("#f-category", "MEDICINE");
        browser.waiting().until(d -> cardText(need).isEmpty());
        browser.choose("#f-category", "REPAIRS");
        browser.waiting().until(d -> !cardText(need).isEmpty());
        browser.choose("#f-urgency", "FLEXIBLE");
        browser.waiting().until(d -> cardText(need).isEmpty());
    }
}
