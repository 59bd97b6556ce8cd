package org.onecall.dispatch.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The need page in Chromium: what an operator or resident wrote shows as the characters they typed,
 * never as markup or script; and the page answers plainly when a need is not yours or not there.
 */
class NeedPageTest extends BrowserTestBase {

    static final String DESCRIPTION = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script> 老人腿扭伤了";
    static final String ITEM = "<b onmouseover=\"window.__xss=3\">降压药</b>";
    static final String TOPIC = "</p><svg onload=\"window.__xss=4\">";

    private String community;
    private long need;
    private long otherNeed;

    @BeforeAll
    void needs() {
        community = newCommunity();
        account("coordinator-need", "COORDINATOR", community);
        need = raise(community, DESCRIPTION);
        otherNeed = raise(newCommunity(), "别的社区的需求");
    }

    @BeforeEach
    void signedOut() {
        browser.forget();
    }

    @Test
    void aDescriptionHoldingHtmlAndScriptShowsAsTextAndRunsNothing() {
        browser.signIn("coordinator-need", PASSWORD);
        browser.go("/console/need.html?id=" + need);
        browser.waitForText("#description", "老人腿扭伤了");

        assertEquals(DESCRIPTION, browser.js("return document.getElementById('description').textContent"));
        assertEquals(DESCRIPTION, browser.find("#description").getText());
        assertEquals(ITEM, browser.find("#items tbody td").getText());
        assertEquals(TOPIC, browser.find("#details dd").getText());
        assertNull(browser.js("return window.__xss"), "no injected script ran");
        assertEquals(0L, browser.js("return document.querySelectorAll('main img, main script, main svg, main b').length"));
        assertEquals("需求 #" + need, browser.find("#heading").getText());
        assertEquals("代购药品", browser.find("#facts dd").getText());
        assertTrue(browser.find("#history").getText().contains("登记需求"), browser.find("#history").getText());
        browser.phone();
        try {
            browser.go("/console/need.html?id=" + need);
            browser.waitForText("#description", "老人腿扭伤了");
            assertNoSideways("the need page");
            browser.screenshotFullPage(SCREENSHOTS.resolve("need-zh-CN-375.png"));
        } finally {
            browser.desktop();
        }

        // and the browser itself refuses HTML from a string (Trusted Types in the page's policy)
        assertEquals("TypeError", browser.js("try { document.body.innerHTML = '<b>x</b>'; return 'written'; }"
                + " catch (e) { return e.name; }"));
        List<String> reported = browser.consoleErrors();
        assertTrue(reported.size() == 1 && reported.get(0).contains("TrustedHTML"), "reported: " + reported);
    }

    @Test
    void aVisitorWhoIsNotSignedInSignsInAndComesBackToTheNeed() {
        browser.go("/console/need.html?id=" + need);
        browser.waitForUrl("/console/login.html?next=");
        browser.type("#username", "coordinator-need");
        browser.type("#password", PASSWORD);
        browser.click("#password-submit");
        browser.waitForUrl("/console/need.html?id=" + need);
        browser.waitForText("#description", "老人腿扭伤了");
    }

    @Test
    void aNeedOfAnotherCommunityOrNoneAtAllIsSaidPlainly() {
        browser.signIn("coordinator-need", PASSWORD);
        browser.go("/console/need.html?id=" + otherNeed);
        browser.waitForText("#feedback", "你没有权限");
        assertTrue(browser.find("#need").getAttribute("hidden") != null);

        browser.go("/console/need.html?id=999999999999");
        browser.waitForText("#feedback", "你没有权限"); // a need that does not exist is "not yours" too: no probing

        browser.go("/console/need.html?id=abc");
        browser.waitForText("#feedback", "缺少需求编号");
    }

    @Test
    void theOwnerAndWhoActedAreNamedNotGivenAsAccounts() {
        String own = newCommunity();
        post("/api/accounts", Map.of("username", "operator-named", "displayName", "王接线员", "role", "OPERATOR",
                "communities", List.of(own), "password", PASSWORD));
        String token = tree(http.toBlocking().retrieve(io.micronaut.http.HttpRequest.POST("/api/auth/login",
                Map.of("username", "operator-named", "password", PASSWORD)).header("Authorization", "none")))
                .get("accessToken").asText();
        long household = post("/api/communities/" + own + "/households", Map.of("headName", "钱奶奶",
                "phone", "13900020002", "building", "2号楼", "address", "2号楼1单元502", "lat", 39.7275,
                "lon", 116.3405)).get("id").asLong();
        long named = tree(http.toBlocking().retrieve(io.micronaut.http.HttpRequest.POST("/api/needs",
                Map.of("householdId", household, "category", "MEALS", "urgency", "TODAY", "description", "送午饭"))
                .header("Authorization", "Bearer " + token))).get("id").asLong();

        browser.signIn("operator-named", PASSWORD);
        browser.go("/console/need.html?id=" + named);
        browser.waitForText("#history", "经办：王接线员");
        assertTrue(browser.find("#facts").getText().contains("王接线员"), browser.find("#facts").getText());
        assertTrue(!browser.find("#facts").getText().contains("operator-named"), "the account name is not shown");
    }

    private long raise(String communityId, String description) {
        long household = post("/api/communities/" + communityId + "/households", Map.of("headName", "赵大爷",
                "phone", "13900020001", "building", "1号楼", "address", "1号楼2单元301", "lat", 39.7275,
                "lon", 116.3405)).get("id").asLong();
        return post("/api/needs", Map.of("householdId", household, "category", "MEDICINE", "urgency", "TODAY",
                "description", description,
                "items", List.of(Map.of("name", ITEM, "quantity", 2, "unit", "盒")),
                "details", Map.of("topic", TOPIC))).get("id").asLong();
    }
}
