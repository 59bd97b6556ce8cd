package org.onecall.dispatch.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.FakeMatcher;
import org.onecall.kit.KafkaSender;

/**
 * The volunteer's phone page at 375 px: declining with a reason, giving a held job back with a
 * reason, going off and on duty, and leave dates; each effect checked through the API.
 */
class VolunteerPageTest extends BrowserTestBase {

    static final String PHONE = "13600002222";

    @Inject
    KafkaSender kafka;

    private String community;
    private long household;
    private long volunteer;

    @BeforeAll
    void aVolunteer() {
        community = newCommunity();
        household = post("/api/communities/" + community + "/households", Map.of("headName", "钱奶奶",
                "phone", "13900020002", "building", "2号楼", "address", "2号楼1单元502", "lat", 39.7275,
                "lon", 116.3405)).get("id").asLong();
        volunteer = post("/api/communities/" + community + "/volunteers", Map.of("name", "王秀英", "phone", PHONE,
                "skills", List.of("MEALS", "ERRANDS"), "lat", 39.728, "lon", 116.341, "maxConcurrentJobs", 2,
                "onDuty", true)).get("id").asLong();
    }

    @BeforeEach
    void onThePhone() {
        browser.forget();
        signInByCode(browser, PHONE);
        browser.phone();
        browser.go("/console/volunteer.html");
        browser.waitForText("#heading", "王秀英");
    }

    @Test
    void anOfferIsDeclinedWithAReason() {
        try {
            long need = raise("送午饭");
            long offer = offered(need);
            browser.click("#decline-" + offer);
            browser.choose("#reason-" + offer, "far");
            browser.click("#decline-confirm-" + offer);
            browser.waitForText("#history", "已拒绝");
            assertNoSideways("the volunteer page");
            List<JsonNode> history = list("/api/needs/" + need + "/history");
            assertEquals("declined: 太远了", history.get(history.size() - 1).get("detail").asText());
        } finally {
            browser.desktop();
        }
    }

    @Test
    void aHeldJobIsGivenBackWithAReason() {
        try {
            long need = raise("代买菜");
            long offer = offered(need);
            browser.click("#accept-" + offer);
            browser.click("#giveback-" + need);
            browser.type("#giveback-reason-" + need, "临时要去医院");
            browser.click("#giveback-confirm-" + need);
            browser.waitForText("#feedback", "已退单");
            browser.waitForText("#jobs", "没有进行中的任务");
            JsonNode after = get("/api/needs/" + need);
            assertEquals("MATCHING", after.get("status").asText());
            List<JsonNode> history = list("/api/needs/" + need + "/history");
            JsonNode last = history.get(history.size() - 1);
            assertEquals("JobGivenBack", last.get("eventType").asText());
            assertEquals("临时要去医院", last.get("detail").asText());
            assertEquals("volunteer-" + volunteer, last.get("actor").asText());
        } finally {
            browser.desktop();
        }
    }

    @Test
    void dutyAndLeaveAreSetFromThePhone() {
        try {
            browser.waitForText("#duty-state", "在岗");
            browser.click("#duty-toggle");
            browser.waitForText("#duty-state", "休息中");
            assertFalse(get("/api/volunteers/" + volunteer).get("onDuty").asBoolean());
            browser.click("#duty-toggle");
            browser.waitForText("#duty-state", "在岗");
            assertTrue(get("/api/volunteers/" + volunteer).get("onDuty").asBoolean());

            browser.js("document.getElementById('leave-from').value = '2027-01-20';"
                    + "document.getElementById('leave-to').value = '2027-01-22';");
            browser.click("#leave-add");
            browser.waitForText("#leave-list", "2027-01-20 – 2027-01-22");
            assertEquals("2027-01-20~2027-01-22", get("/api/volunteers/" + volunteer).get("leavePeriods").asText());
            browser.click("#leave-remove-0");
            browser.waitForText("#leave-list", "没有请假");
            assertEquals("", get("/api/volunteers/" + volunteer).path("leavePeriods").asText(""));
            assertNoSideways("the volunteer page");
        } finally {
            browser.desktop();
        }
    }

    private long raise(String description) {
        JsonNode need = post("/api/needs", Map.of("householdId", household, "category", "ERRANDS", "urgency", "TODAY",
                "description", description, "separate", true,
                "items", List.of(Map.of("name", "青菜", "quantity", 1))));
        new FakeMatcher(kafka).propose(community, need.get("id").asLong(), need.get("matchAttempt").asInt(), volunteer);
        return need.get("id").asLong();
    }

    /** Waits until the offer shows on the open page (it is not reloaded) and returns its id. */
    private long offered(long need) {
        long offer = browser.waiting().until(d -> StreamSupport.stream(
                        get("/api/volunteers/" + volunteer + "/offers?status=PENDING").spliterator(), false)
                .filter(o -> o.get("needId").asLong() == need).findFirst().map(o -> o.get("offerId").asLong())
                .orElse(null));
        browser.visible("#accept-" + offer);
        return offer;
    }

    private List<JsonNode> list(String path) {
        return StreamSupport.stream(get(path).spliterator(), false).toList();
    }
}
