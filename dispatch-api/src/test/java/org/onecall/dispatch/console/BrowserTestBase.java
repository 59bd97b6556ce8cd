package org.onecall.dispatch.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.dispatch.ResourceListsTestBase;
import org.onecall.testsupport.browser.Browser;
import org.onecall.testsupport.browser.BrowserAvailable;

/**
 * The pages in a real Chromium against the whole service (H2, the test broker). Fixtures are made
 * through the API as the test admin; the browser signs in through the pages like a person.
 */
@ExtendWith(BrowserAvailable.class)
abstract class BrowserTestBase extends ResourceListsTestBase {

    static final String PASSWORD = "a long enough password";
    /** Screenshots for people to look at: target/screenshots (docs/screenshots holds the chosen ones). */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Inject
    EmbeddedServer server;
    @Inject
    javax.sql.DataSource dataSource;

    Browser browser;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new java.util.HashMap<>(super.getProperties());
        // a test class signs in more often in a minute than the per-address limit allows a person
        p.put("onecall.security.auth-requests-per-minute", "1000");
        return p;
    }

    @BeforeAll
    void openBrowser() {
        browser = Browser.open("http://localhost:" + server.getPort());
    }

    /** Every page a test visited ran without a script error or a policy violation. */
    @AfterEach
    void noScriptErrors() {
        if (browser != null) {
            List<String> errors = browser.consoleErrors();
            assertTrue(errors.isEmpty(), "the pages' console: " + errors);
        }
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** A staff account with the test password. */
    void account(String username, String role, String... communities) {
        post("/api/accounts", Map.of("username", username, "displayName", username, "role", role,
                "communities", List.of(communities), "password", PASSWORD));
    }

    /**
     * Signs a volunteer in through the sign-in page's SMS-code tab, reading the code the simulated
     * carrier "delivered" through the API (as the test admin), and waits for the start page.
     */
    void signInByCode(Browser b, String phone) {
        b.go("/console/login.html");
        b.click("#tab-code");
        b.type("#phone", phone);
        b.click("#code-send");
        b.visible("#code");
        String sms = get("/api/sms?phone=" + phone).get(0).get("body").asText();
        b.type("#code", sms.replaceAll("(?s).*验证码是 ([0-9]{6}).*", "$1"));
        b.click("#code-submit");
        b.waitForPage("/console/");
    }

    /** The page is no wider than the screen: nothing to scroll sideways. */
    void assertNoSideways(String when) {
        Number scroll = (Number) browser.js("return document.documentElement.scrollWidth");
        Number width = (Number) browser.js("return document.documentElement.clientWidth");
        assertTrue(scroll.intValue() <= width.intValue(), when + ": the page is " + scroll + " px wide on a "
                + width + " px screen");
    }

    /** The community's volunteers as the API lists them (JsonNode array). */
    JsonNode volunteers(String community) {
        return get("/api/communities/" + community + "/volunteers");
    }

    /** The community's volunteer rows as committed in the database, read with plain SQL. */
    long volunteerRows(String community) {
        return new org.onecall.dispatch.Db(dataSource).count("SELECT COUNT(*) FROM volunteer WHERE community_id = ?",
                community);
    }

    /** The community's merchant and partner-unit rows as committed in the database. */
    long merchantRows(String community) {
        return new org.onecall.dispatch.Db(dataSource).count("SELECT COUNT(*) FROM merchant WHERE community_id = ?",
                community);
    }
}
