package org.onecall.dispatch.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.kit.sms.AlibabaSms;
import org.onecall.kit.sms.SmsSettings;
import org.onecall.kit.sms.SmsTemplate;
import org.onecall.testsupport.SimulatedPhones;
import org.onecall.testsupport.SmsSimulatorExtension;
import org.onecall.testsupport.browser.Browser;
import org.onecall.testsupport.browser.BrowserAvailable;

/**
 * The SMS simulator's page of phones (served by the simulator, not the console), in Chromium: what
 * a person trying the demo reads (sign-in codes, offers) and where they reply as that phone.
 */
@ExtendWith({BrowserAvailable.class, SmsSimulatorExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhonesPageTest {

    private static final String PHONE = "13800040001";
    private Browser browser;
    private SimulatedPhones phones;

    @BeforeAll
    void open() {
        phones = SmsSimulatorExtension.phones();
        phones.reset();
        SmsSettings settings = new SmsSettings();
        Map<String, String> p = SmsSimulatorExtension.properties();
        settings.setEndpoint(p.get("onecall.sms.endpoint"));
        settings.setAccessKeyId(p.get("onecall.sms.access-key-id"));
        settings.setAccessKeySecret(p.get("onecall.sms.access-key-secret"));
        AlibabaSms sms = new AlibabaSms(settings);
        assertTrue(sms.send(PHONE, SmsTemplate.LOGIN_CODE, Map.of("code", "246810", "minutes", "5"), "page-1").accepted());
        assertTrue(sms.send(PHONE, SmsTemplate.RESIDENT_NOTICE, Map.of("text", "<b>不是粗体</b>"), "page-2").accepted());
        browser = Browser.open(SmsSimulatorExtension.simulator().url());
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void a_phone_shows_its_texts_and_replies_from_the_page() {
        browser.phone();
        browser.go("/");
        String card = "section[data-phone='" + PHONE + "']";
        browser.waitForText(card, "【一个电话】您的登录验证码是 246810");
        browser.waitForText(card, "<b>不是粗体</b>");
        assertEquals(0, browser.all(card + " b").size(), "text is inserted as text, never as HTML");
        browser.waitForText(card, "1 条计费");
        Number scroll = (Number) browser.js("return document.documentElement.scrollWidth");
        assertTrue(scroll.intValue() <= 375, "no sideways scrolling at 375 px: " + scroll);

        browser.type(card + " form input", "1");
        browser.click(card + " form button");

        await().until(() -> phones.messages(PHONE).stream().anyMatch(m -> m.path("direction").asText().equals("OUT")
                && m.path("text").asText().equals("1")));
        browser.waitForText(card, "我的回复");
        var errors = browser.consoleErrors();
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void any_number_can_be_opened_to_reply_as_it() {
        browser.go("/");
        browser.type("#add-phone", "139 0004 0002");
        browser.click("#add button");
        String card = "section[data-phone='13900040002']";
        browser.visible(card);
        browser.type(card + " form input", "你好");
        browser.click(card + " form button");
        await().until(() -> phones.messages("13900040002").stream().anyMatch(m -> m.path("text").asText().equals("你好")));
    }
}
