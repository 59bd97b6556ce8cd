package org.onecall.dispatch.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;

/** The sign-in page in Chromium: staff by password, volunteers by SMS code, errors, sign-out, languages. */
class SignInPageTest extends BrowserTestBase {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("onecall.security.max-failed-logins", "3");
        return p;
    }

    @BeforeEach
    void signedOut() {
        browser.forget();
    }

    @Test
    void staffSignInThroughTheFormWithASessionCookieAndSeeWhoTheyAre() {
        String community = newCommunity();
        post("/api/accounts", Map.of("username", "coordinator-form", "displayName", "王书记", "role", "COORDINATOR",
                "communities", List.of(community), "password", PASSWORD));

        browser.signIn("coordinator-form", PASSWORD);

        assertEquals("王书记（社区工作人员）", browser.find("#who").getText(), "the bar names the person, not the account");
        assertTrue(browser.find("#greeting").getText().contains("王书记"));
        Cookie session = browser.driver.manage().getCookieNamed("ONECALL_SESSION");
        assertNotNull(session, "signed in with the session cookie");
        assertTrue(session.isHttpOnly(), "scripts cannot read the session");
        assertNotNull(browser.driver.manage().getCookieNamed("XSRF-TOKEN"));
        // no bearer token anywhere a script could read it
        String readable = (String) browser.js("return document.cookie + JSON.stringify(localStorage) "
                + "+ JSON.stringify(sessionStorage)");
        assertFalse(readable.contains(session.getValue()) || readable.contains("eyJ"), readable);
        assertTrue(browser.all("#link-import").size() == 1, "a coordinator is offered the import page");

        browser.click("#sign-out");
        browser.waitForPage("/console/login.html");
        assertNull(browser.driver.manage().getCookieNamed("ONECALL_SESSION"));
        browser.go("/console/");
        browser.waitForUrl("/console/login.html?next=%2Fconsole%2F");
    }

    @Test
    void aWrongPasswordSaysSoAndRepeatedOnesSayThisDeviceMustWait() {
        String community = newCommunity();
        account("operator-wrong", "OPERATOR", community);
        browser.go("/console/login.html");
        for (int i = 1; i <= 3; i++) {
            browser.type("#username", "operator-wrong");
            browser.type("#password", "not the password " + i);
            browser.click("#password-submit");
            browser.waitForText("#password-feedback", "用户名或密码不正确");
            assertTrue(browser.driver.getCurrentUrl().endsWith("/console/login.html"), "still on the sign-in page");
            browser.js("document.getElementById('password-feedback').replaceChildren()");
        }
        browser.type("#username", "operator-wrong");
        browser.type("#password", PASSWORD);
        browser.click("#password-submit");
        browser.waitForText("#password-feedback", "从这台设备登录需等到");
        String text = browser.find("#password-feedback").getText();
        assertTrue(text.contains("之后再试") && text.contains("其他设备不受影响"), "says until when, and for whom: " + text);
        assertEquals("alert", browser.find("#password-feedback .alert").getAttribute("role"));
    }

    @Test
    void aVolunteerSignsInWithTheCodeFromTheSms() {
        String community = newCommunity();
        post("/api/communities/" + community + "/volunteers", Map.of("name", "李建国", "phone", "13800020001",
                "skills", List.of("MEALS"), "lat", 39.7, "lon", 116.3, "maxConcurrentJobs", 1, "onDuty", true));

        browser.go("/console/login.html");
        browser.click("#tab-code");
        browser.type("#phone", "138 0002 0001");
        browser.click("#code-send");
        browser.visible("#code-login-form");
        browser.waitForText("#code-feedback", "验证码已经发出");
        assertFalse(browser.find("#code-send").isEnabled(), "a new code only after the countdown");

        browser.type("#code", "000000".equals(code("13800020001")) ? "111111" : "000000");
        browser.click("#code-submit");
        browser.waitForText("#code-feedback", "验证码不正确");

        // the right code after a wrong one still works (until too many wrong tries)
        browser.type("#code", code("13800020001"));
        browser.click("#code-submit");
        browser.waitForPage("/console/");
        browser.waitForText("#who", "志愿者");
        assertTrue(browser.find("#greeting").getText().contains("志愿者"), browser.find("#greeting").getText());
        assertTrue(browser.all("#link-import").isEmpty(), "volunteers are not offered the import page");
    }

    @Test
    void theEnglishSwitchChangesTheLabelsAndIsRemembered() {
        browser.go("/console/login.html");
        assertEquals("用户名", browser.visible("label[for=username]").getText());
        assertEquals("zh-CN", browser.js("return document.documentElement.lang"));

        browser.click("#lang-switch");
        assertEquals("Username", browser.find("label[for=username]").getText());
        assertEquals("Password", browser.find("label[for=password]").getText());
        assertEquals("Sign in", browser.find("#password-submit").getText());
        assertEquals("Volunteers (SMS code)", browser.find("#tab-code").getText());
        assertEquals("en", browser.js("return document.documentElement.lang"));
        assertEquals("Sign in · OneCall", browser.driver.getTitle());
        assertEquals("中文", browser.find("#lang-switch").getText());

        browser.go("/console/login.html");
        assertEquals("Username", browser.visible("label[for=username]").getText(), "remembered");
        browser.type("#username", "nobody-here");
        browser.type("#password", "whatever it is");
        browser.click("#password-submit");
        browser.waitForText("#password-feedback", "Wrong username or password.");

        browser.click("#lang-switch");
        assertEquals("用户名", browser.find("label[for=username]").getText());
        assertEquals("zh-CN", browser.js("return document.documentElement.lang"));
    }

    @Test
    void onAPhoneTheSignInPageFitsTheScreen() {
        browser.phone();
        try {
            browser.go("/console/login.html");
            browser.visible("#username");
            assertNoSideways("staff sign-in");
            browser.click("#tab-code");
            browser.visible("#phone");
            assertNoSideways("volunteer sign-in");
        } finally {
            browser.desktop();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void bothLanguagesHaveEveryText() {
        browser.go("/console/login.html");
        Map<String, Object> keys = (Map<String, Object>) browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "import('/console/js/messages.js').then(m => done({zh: Object.keys(m.messages['zh-CN']),"
                        + " en: Object.keys(m.messages.en)}));");
        Set<Object> zh = Set.copyOf((List<Object>) keys.get("zh"));
        Set<Object> en = Set.copyOf((List<Object>) keys.get("en"));
        assertTrue(zh.size() > 100, "texts: " + zh.size());
        assertEquals(zh, en);
    }

    /** The latest code the simulated SMS carrier "sent" to this phone. */
    private String code(String phone) {
        JsonNode sms = get("/api/sms?phone=" + phone);
        Matcher m = Pattern.compile("验证码是 (\\d{6})").matcher(sms.get(0).get("body").asText());
        assertTrue(m.find(), sms.toString());
        return m.group(1);
    }
}
