package org.onecall.dispatch.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/** The account page in Chromium: one's own password, and an admin's list of accounts. */
class AccountPageTest extends BrowserTestBase {

    @BeforeEach
    void signedOut() {
        browser.forget();
    }

    @Test
    void aPersonChangesTheirOwnPasswordAndIsToldWhatWasWrong() {
        account("operator-own-page", "OPERATOR", newCommunity());
        browser.signIn("operator-own-page", PASSWORD);
        browser.click("nav a[href='/console/account.html']");
        browser.waitForPage("/console/account.html");
        assertFalse(browser.find("#admin").isDisplayed(), "only admins see every account");

        changeOwn("not my password", "a new page password", "a new page password");
        browser.waitForText("#password-feedback", "当前密码不正确");
        changeOwn(PASSWORD, "a new page password", "a different one!");
        browser.waitForText("#password-feedback", "两次输入的新密码不一样");
        assertEquals(200, signInStatus("operator-own-page", PASSWORD), "nothing was changed so far");

        changeOwn(PASSWORD, "a new page password", "a new page password");
        browser.waitForText("#password-feedback", "密码已修改");
        assertEquals("", browser.find("#current-password").getAttribute("value"), "the form is emptied");
        assertEquals(401, signInStatus("operator-own-page", PASSWORD));
        assertEquals(200, signInStatus("operator-own-page", "a new page password"));
    }

    @Test
    void anAdminSwitchesAnAccountOffAndOnAndSetsANewPassword() {
        String community = newCommunity();
        String name = "<img src=x onerror=alert(1)>张";
        post("/api/accounts", Map.of("username", "coordinator-listed", "displayName", name, "role", "COORDINATOR",
                "communities", List.of(community), "password", PASSWORD));
        account("admin-page", "ADMIN");
        browser.signIn("admin-page", PASSWORD);
        browser.go("/console/account.html");

        String row = "li[data-username='coordinator-listed']";
        WebElement listed = browser.visible(row);
        assertTrue(listed.findElement(org.openqa.selenium.By.cssSelector(".name")).getText().contains(name),
                "the name is shown as the characters it is: " + listed.getText());
        assertTrue(browser.all(row + " img").isEmpty(), "no element was made from the name");
        assertTrue(listed.getText().contains(community), listed.getText());
        assertEquals("on", browser.find(row + " [data-state]").getAttribute("data-state"));
        assertTrue(browser.all("li[data-username='admin-page'] .switch").isEmpty(), "no switching oneself off");

        browser.click(row + " .switch");
        browser.driver.switchTo().alert().accept();
        browser.waitForText(row + " [data-state]", "已停用");
        browser.waitForText("#admin-feedback", "已停用");
        assertEquals(401, signInStatus("coordinator-listed", PASSWORD), "a switched-off account cannot sign in");

        browser.click(row + " .switch");
        browser.waitForText(row + " [data-state]", "使用中");
        assertEquals(200, signInStatus("coordinator-listed", PASSWORD));

        browser.choose("#reset-username", "coordinator-listed");
        browser.type("#reset-password", "short");
        browser.click("#reset-submit");
        browser.waitForText("#reset-feedback", "至少需要 10 个字符");
        browser.type("#reset-password", "a reset page password");
        browser.click("#reset-submit");
        browser.waitForText("#reset-feedback", "coordinator-listed 的密码已重设");
        assertEquals(401, signInStatus("coordinator-listed", PASSWORD));
        assertEquals(200, signInStatus("coordinator-listed", "a reset page password"));

        browser.click("#lang-switch");
        assertEquals("Active", browser.find(row + " [data-state]").getText());
        assertEquals("Switch off", browser.find(row + " .switch").getText());
    }

    @Test
    void onAPhoneTheAccountPageFitsTheScreen() {
        account("admin-phone", "ADMIN");
        post("/api/accounts", Map.of("username", "operator-with-a-rather-long-username-for-a-phone",
                "displayName", "一个名字很长很长很长很长很长很长的接线员", "role", "OPERATOR",
                "communities", List.of(newCommunity()), "password", PASSWORD));
        browser.signIn("admin-phone", PASSWORD);
        browser.phone();
        try {
            browser.go("/console/account.html");
            browser.visible("li[data-username='operator-with-a-rather-long-username-for-a-phone']");
            assertNoSideways("the account list");
            browser.screenshotFullPage(SCREENSHOTS.resolve("account-phone.png"));
        } finally {
            browser.desktop();
        }
    }

    @Test
    void staffKeepTheirOwnMobileThereForEscalationTexts() {
        account("coordinator-phone-page", "COORDINATOR", newCommunity());
        browser.signIn("coordinator-phone-page", PASSWORD);
        browser.go("/console/account.html");
        browser.waitForText("#phone-current", "还没有填手机号");

        browser.type("#phone", "12");
        browser.click("#phone-submit");
        browser.waitForText("#phone-feedback", "请填写正确的手机号");
        browser.type("#phone", "137 0002 0002");
        browser.click("#phone-submit");
        browser.waitForText("#phone-feedback", "手机号已保存");
        browser.waitForText("#phone-current", "137****0002");
        assertEquals("", browser.find("#phone").getAttribute("value"), "the number is not left on the screen");

        // what the notifier reads, through its audited service route, to text the top of the ladder
        String service = org.onecall.testsupport.TestTokens.token("service-notifier", "SERVICE", List.of(), null);
        assertEquals("13700020002", http.toBlocking().retrieve(HttpRequest.GET(
                "/api/service/accounts/coordinator-phone-page/contact").header("Authorization", "Bearer " + service),
                com.fasterxml.jackson.databind.JsonNode.class).get("phone").asText());
        // another person's number is not theirs to set
        String own = org.onecall.testsupport.TestTokens.token("coordinator-phone-page", "COORDINATOR",
                List.of(newCommunity()), null);
        assertEquals(403, refused(HttpRequest.PUT("/api/accounts/admin/phone", Map.of("phone", "13700020003"))
                .header("Authorization", "Bearer " + own)).status());

        browser.type("#phone", "");
        browser.click("#phone-submit");
        browser.waitForText("#phone-feedback", "手机号已清除");
        browser.waitForText("#phone-current", "还没有填手机号");
    }

    private void changeOwn(String current, String next, String repeat) {
        browser.type("#current-password", current);
        browser.type("#new-password", next);
        browser.type("#repeat-password", repeat);
        browser.js("document.getElementById('password-feedback').replaceChildren()");
        browser.click("#password-submit");
    }

    private int signInStatus(String username, String password) {
        try {
            return http.toBlocking().exchange(HttpRequest.POST("/api/auth/login",
                    Map.of("username", username, "password", password)).header("Authorization", "none"), String.class)
                    .getStatus().getCode();
        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
