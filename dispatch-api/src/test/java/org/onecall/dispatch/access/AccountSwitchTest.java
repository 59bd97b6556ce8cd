package org.onecall.dispatch.access;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.Db;
import org.onecall.events.AccountEvents.AccountAccessChanged;
import org.onecall.events.EventJson;
import org.onecall.events.Topics;
import org.onecall.testsupport.TopicProbe;
import org.onecall.testsupport.TestTokens;

/**
 * An admin switches accounts off and on, unlocks them, changes them and sets new passwords;
 * switched-off accounts' tokens (bearer and session cookie), and those whose scope or password was
 * changed, stop working at the next request. People change their own passwords. Real sign-ins,
 * real tokens, through HTTP.
 */
@MicronautTest(environments = "dispatch", transactional = false)
class AccountSwitchTest extends SecuredApiTest {

    private static final String PASSWORD = "a long enough password";

    @Inject
    DataSource dataSource;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Override
    Map<String, String> extraProperties() {
        return Map.of("onecall.security.auth-requests-per-minute", "100000",
                // another instance's switch (written straight to the database here) shows within a moment
                "onecall.security.revocation-refresh", "200ms");
    }

    @Test
    void switching_off_revokes_every_token_and_sign_in_and_switching_on_lets_the_person_sign_in_anew() throws Exception {
        String community = community("off");
        long accountId = account("operator-off-" + suffix, "OPERATOR", community);
        String username = "operator-off-" + suffix;
        String oldToken = login(username);
        String oldCookie = sessionCookie(username);
        assertEquals(200, me(oldToken).getStatus().getCode());
        assertEquals(200, send(withCookie(HttpRequest.GET("/api/communities/" + community), oldCookie), "none")
                .getStatus().getCode());

        HttpResponse<String> off = switchActive(username, false, TestTokens.admin());
        assertEquals(200, off.getStatus().getCode(), off.body());
        assertFalse(json(off).get("active").asBoolean(), off.body());

        // the very next request: refused like any invalid credential
        HttpResponse<String> refused = me(oldToken);
        assertEquals(401, refused.getStatus().getCode(), refused.body());
        HttpResponse<String> anonymous = send(HttpRequest.GET("/api/auth/me"), "none");
        assertEquals(anonymous.getHeaders().getContentType(), refused.getHeaders().getContentType());
        assertTrue(refused.getHeaders().getContentType().orElse("").contains("problem+json"), refused.getHeaders().asMap().toString());
        assertEquals(json(anonymous), json(refused));
        assertEquals(401, send(withCookie(HttpRequest.GET("/api/communities/" + community), oldCookie), "none")
                .getStatus().getCode());
        assertEquals(401, loginResponse(username, PASSWORD).getStatus().getCode(), "a switched-off account cannot sign in");
        assertFalse(accountActive(username), "the account list shows it switched off");

        HttpResponse<String> on = switchActive(username, true, TestTokens.admin());
        assertEquals(200, on.getStatus().getCode(), on.body());
        assertTrue(json(on).get("active").asBoolean(), on.body());
        // signed in again at once (within the same second as the switch-off, often): the new token works
        String newToken = login(username);
        assertEquals(200, me(newToken).getStatus().getCode());
        assertEquals(200, send(withCookie(HttpRequest.GET("/api/communities/" + community), sessionCookie(username)),
                "none").getStatus().getCode());
        // the tokens from before the switch-off stay revoked
        assertEquals(401, me(oldToken).getStatus().getCode());
        assertEquals(401, send(withCookie(HttpRequest.GET("/api/communities/" + community), oldCookie), "none")
                .getStatus().getCode());

        assertTrue(audited("test-admin", "ACCOUNT_SWITCHED_OFF", "account:" + accountId), "switch-off audited");
        assertTrue(audited("test-admin", "ACCOUNT_SWITCHED_ON", "account:" + accountId), "switch-on audited");
    }

    @Test
    void a_switched_off_volunteer_gets_no_code_and_cannot_use_one_sent_before() throws Exception {
        String community = community("vol");
        String phone = "1380013" + String.format("%04d", Math.abs(suffix.hashCode()) % 10000);
        long volunteer = id(post("/api/communities/" + community + "/volunteers", Map.of("name", "李建国",
                "phone", phone, "skills", List.of("MEALS"), "lat", 39.7, "lon", 116.3,
                "maxConcurrentJobs", 2, "onDuty", true)));
        String token = json(send(HttpRequest.POST("/api/auth/code/login", Map.of("phone", phone, "code",
                requestCode(phone))), "none")).get("accessToken").asText();
        assertEquals(200, me(token).getStatus().getCode());
        String pending = requestCode(phone);

        assertEquals(200, switchActive("volunteer-" + volunteer, false, TestTokens.admin()).getStatus().getCode());
        assertEquals(401, me(token).getStatus().getCode());
        assertEquals(401, send(HttpRequest.GET("/api/volunteers/" + volunteer + "/offers"), token).getStatus().getCode());
        assertEquals(401, send(HttpRequest.POST("/api/auth/code/login", Map.of("phone", phone, "code", pending)),
                "none").getStatus().getCode(), "a code sent before the switch-off no longer signs in");
        long sent = smsCount(phone);
        assertEquals(202, send(HttpRequest.POST("/api/auth/code", Map.of("phone", phone)), "none").getStatus().getCode());
        assertEquals(sent, smsCount(phone), "no code is sent to a switched-off volunteer");
        // and no second account is made for them from the volunteer list
        assertEquals(1, accountsJson().split("\"username\":\"volunteer-" + volunteer + "\"", -1).length - 1);
        // the notifier, which accepts the same tokens, learns the switch-off from the accounts topic
        AccountAccessChanged off = accountState(volunteer, false);
        assertEquals(volunteer, off.volunteerId());
        assertTrue(off.refuses(Instant.now()), "the published state refuses the volunteer's tokens");

        assertEquals(200, switchActive("volunteer-" + volunteer, true, TestTokens.admin()).getStatus().getCode());
        HttpResponse<String> again = send(HttpRequest.POST("/api/auth/code/login", Map.of("phone", phone, "code",
                requestCode(phone))), "none");
        assertEquals(200, again.getStatus().getCode(), again.body());
        assertEquals(200, me(json(again).get("accessToken").asText()).getStatus().getCode());
        assertEquals(401, me(token).getStatus().getCode());
        AccountAccessChanged on = accountState(volunteer, true);
        assertEquals(off.tokensValidAfter(), on.tokensValidAfter(), "switching on keeps the old tokens revoked");
        assertTrue(on.refuses(off.tokensValidAfter().minusSeconds(1)));
        assertFalse(on.refuses(off.tokensValidAfter()));
    }

    /** The last state of the volunteer's account on the accounts topic, once it says {@code active}. */
    private static AccountAccessChanged accountState(long volunteer, boolean active) {
        try (TopicProbe accounts = TopicProbe.open(Topics.ACCOUNTS)) {
            String json = accounts.await(TopicProbe.event(AccountAccessChanged.class, "account-volunteer-" + volunteer)
                    .and(j -> ((AccountAccessChanged) EventJson.read(j).typedPayload()).active() == active));
            return (AccountAccessChanged) EventJson.read(json).typedPayload();
        }
    }

    @Test
    void unlock_clears_a_lock_after_five_wrong_passwords() throws Exception {
        String community = community("lock");
        String username = "coordinator-lock-" + suffix;
        long accountId = account(username, "COORDINATOR", community);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, loginResponse(username, "wrong password " + i).getStatus().getCode());
        }
        assertEquals(429, loginResponse(username, PASSWORD).getStatus().getCode(), "locked");

        HttpResponse<String> unlocked = send(HttpRequest.POST("/api/accounts/" + username + "/unlock", Map.of()),
                TestTokens.admin());
        assertEquals(200, unlocked.getStatus().getCode(), unlocked.body());
        assertFalse(json(unlocked).get("locked").asBoolean(), unlocked.body());
        assertEquals(200, loginResponse(username, PASSWORD).getStatus().getCode(), "the right password works again");
        assertTrue(audited("test-admin", "ACCOUNT_UNLOCKED", "account:" + accountId), "unlock audited");
    }

    @Test
    void an_admin_cannot_switch_themself_off() throws Exception {
        String username = "admin-" + suffix;
        post("/api/accounts", Map.of("username", username, "displayName", "李管理员", "role", "ADMIN",
                "communities", List.of(), "password", PASSWORD));
        String token = login(username);
        HttpResponse<String> refused = switchActive(username, false, token);
        assertEquals(409, refused.getStatus().getCode(), refused.body());
        assertTrue(refused.getHeaders().getContentType().orElse("").contains("problem+json"));
        assertTrue(json(refused).get("detail").asText().contains("your own account"), refused.body());
        assertEquals(200, send(HttpRequest.GET("/api/accounts"), token).getStatus().getCode(), "still signed in");
        assertTrue(accountActive(username));
        // switching oneself on is harmless (and changes nothing)
        assertEquals(200, switchActive(username, true, token).getStatus().getCode());
    }

    @Test
    void an_unknown_username_is_404_and_a_switch_without_a_value_400() throws Exception {
        for (HttpResponse<String> r : List.of(switchActive("nobody-" + suffix, false, TestTokens.admin()),
                send(HttpRequest.POST("/api/accounts/nobody-" + suffix + "/unlock", Map.of()), TestTokens.admin()))) {
            assertEquals(404, r.getStatus().getCode(), r.body());
            assertTrue(r.getHeaders().getContentType().orElse("").contains("problem+json"));
            assertTrue(json(r).get("detail").asText().contains("nobody-" + suffix), r.body());
        }
        String username = "operator-blank-" + suffix;
        account(username, "OPERATOR", community("blank"));
        assertEquals(400, send(HttpRequest.PUT("/api/accounts/" + username + "/active", Map.of()), TestTokens.admin())
                .getStatus().getCode());
        assertTrue(accountActive(username));
    }

    @Test
    void a_switch_made_by_another_instance_is_refused_here_within_the_refresh() throws Exception {
        String username = "operator-elsewhere-" + suffix;
        long accountId = account(username, "OPERATOR", community("elsewhere"));
        String token = login(username);
        assertEquals(200, me(token).getStatus().getCode());
        // what another dispatch-api instance's switch-off writes (this one's memory does not know of it)
        new Db(dataSource).update("UPDATE account SET active = FALSE, tokens_valid_after = ? WHERE id = ?",
                Timestamp.from(Instant.now().plusSeconds(1)), accountId);
        await().atMost(Duration.ofSeconds(10)).until(() -> me(token).getStatus().getCode() == 401);
        assertEquals(200, me(TestTokens.staff("OPERATOR", List.of())).getStatus().getCode(),
                "tokens of other names are not affected");
    }

    @Test
    void changing_role_or_scope_revokes_the_tokens_and_the_next_sign_in_carries_the_new_scope() throws Exception {
        String first = community("from");
        String second = community("to");
        String username = "operator-move-" + suffix;
        long accountId = account(username, "OPERATOR", first);
        String oldToken = login(username);
        assertEquals(200, send(HttpRequest.GET("/api/communities/" + first), oldToken).getStatus().getCode());
        assertEquals(403, send(HttpRequest.GET("/api/communities/" + second), oldToken).getStatus().getCode());

        // the name alone: the token stays good (it says nothing the change touched)
        HttpResponse<String> renamed = change(username, Map.of("displayName", "王接线员", "role", "OPERATOR",
                "communities", List.of(first)));
        assertEquals(200, renamed.getStatus().getCode(), renamed.body());
        assertEquals("王接线员", json(renamed).get("displayName").asText());
        assertEquals(200, me(oldToken).getStatus().getCode(), "a change of name does not sign anyone out");

        HttpResponse<String> moved = change(username, Map.of("displayName", "王接线员", "role", "COORDINATOR",
                "communities", List.of(second)));
        assertEquals(200, moved.getStatus().getCode(), moved.body());
        assertEquals("COORDINATOR", json(moved).get("role").asText());
        assertEquals(List.of(second), List.of(json(moved).get("communities").get(0).asText()));
        assertEquals(401, me(oldToken).getStatus().getCode(), "the token with the old scope is revoked at once");

        String newToken = login(username);
        assertEquals("COORDINATOR", json(me(newToken)).get("role").asText());
        assertEquals(200, send(HttpRequest.GET("/api/communities/" + second), newToken).getStatus().getCode());
        assertEquals(403, send(HttpRequest.GET("/api/communities/" + first), newToken).getStatus().getCode());
        assertTrue(audited("test-admin", "ACCOUNT_CHANGED", "account:" + accountId), "audited");
        try (TopicProbe accounts = TopicProbe.open(Topics.ACCOUNTS)) {
            String published = accounts.await(TopicProbe.event(AccountAccessChanged.class, "account-" + username));
            AccountAccessChanged state = (AccountAccessChanged) EventJson.read(published).typedPayload();
            assertTrue(state.active());
            assertTrue(state.refuses(Instant.now().minusSeconds(2)), "the notifier refuses the old tokens too");
        }
    }

    @Test
    void a_change_is_checked_like_a_new_account_and_refused_whole() throws Exception {
        String community = community("check");
        String username = "coordinator-check-" + suffix;
        account(username, "COORDINATOR", community);

        HttpResponse<String> unknown = change(username, Map.of("displayName", "x", "role", "COORDINATOR",
                "communities", List.of(community, "no-such-community-" + suffix)));
        assertEquals(422, unknown.getStatus().getCode(), unknown.body());
        assertEquals("communities[1]", json(unknown).get("errors").get(0).get("field").asText(), unknown.body());
        HttpResponse<String> blank = change(username, Map.of("role", "COORDINATOR"));
        assertEquals(400, blank.getStatus().getCode(), blank.body());
        assertEquals("displayName", json(blank).get("errors").get(0).get("field").asText(), blank.body());
        HttpResponse<String> nobody = change("nobody-" + suffix, Map.of("displayName", "x", "role", "OPERATOR",
                "communities", List.of(community)));
        assertEquals(404, nobody.getStatus().getCode(), nobody.body());
        JsonNode unchanged = accountJson(username);
        assertEquals("测试 " + username, unchanged.get("displayName").asText(), "nothing of a refused change is kept");
        assertEquals(community, unchanged.get("communities").get(0).asText());

        long volunteer = id(post("/api/communities/" + community + "/volunteers", Map.of("name", "赵志愿",
                "phone", "1390013" + String.format("%04d", Math.abs(suffix.hashCode() + 7) % 10000),
                "skills", List.of("MEALS"), "lat", 39.7, "lon", 116.3, "maxConcurrentJobs", 2, "onDuty", true)));
        post("/api/accounts", Map.of("username", "vol-check-" + suffix, "displayName", "赵志愿", "role", "VOLUNTEER",
                "communities", List.of(community), "volunteerId", volunteer));
        HttpResponse<String> promoted = change("vol-check-" + suffix, Map.of("displayName", "赵志愿",
                "role", "COORDINATOR", "communities", List.of(community)));
        assertEquals(422, promoted.getStatus().getCode(), promoted.body());
        assertEquals("role", json(promoted).get("errors").get(0).get("field").asText(), promoted.body());

        String admin = "admin-self-" + suffix;
        post("/api/accounts", Map.of("username", admin, "displayName", "李管理员", "role", "ADMIN",
                "communities", List.of(), "password", PASSWORD));
        String adminToken = login(admin);
        HttpResponse<String> demoted = send(HttpRequest.PUT("/api/accounts/" + admin, Map.of("displayName", "李管理员",
                "role", "OPERATOR", "communities", List.of(community))), adminToken);
        assertEquals(409, demoted.getStatus().getCode(), demoted.body());
        assertEquals("ADMIN", accountJson(admin).get("role").asText());
    }

    @Test
    void an_admin_sets_a_new_password_which_revokes_the_tokens_and_clears_the_lock() throws Exception {
        String username = "operator-forgot-" + suffix;
        long accountId = account(username, "OPERATOR", community("forgot"));
        String oldToken = login(username);
        for (int i = 0; i < 5; i++) {
            loginResponse(username, "not it " + i);
        }
        assertEquals(429, loginResponse(username, PASSWORD).getStatus().getCode(), "locked");

        HttpResponse<String> tooShort = setPassword(username, "short");
        assertEquals(400, tooShort.getStatus().getCode(), tooShort.body());
        assertEquals("password", json(tooShort).get("errors").get(0).get("field").asText(), tooShort.body());
        assertEquals(200, me(oldToken).getStatus().getCode(), "a refused reset changes nothing");

        HttpResponse<String> reset = setPassword(username, "a brand new password");
        assertEquals(200, reset.getStatus().getCode(), reset.body());
        assertFalse(json(reset).get("locked").asBoolean());
        assertEquals(401, me(oldToken).getStatus().getCode(), "tokens from before the reset are revoked");
        assertEquals(401, loginResponse(username, PASSWORD).getStatus().getCode(), "the old password is gone");
        assertEquals(200, loginResponse(username, "a brand new password").getStatus().getCode());
        assertTrue(audited("test-admin", "ACCOUNT_PASSWORD_SET", "account:" + accountId));
        assertEquals(404, setPassword("nobody-" + suffix, "a brand new password").getStatus().getCode());
    }

    @Test
    void a_person_changes_their_own_password_given_the_current_one() throws Exception {
        String username = "coordinator-own-" + suffix;
        long accountId = account(username, "COORDINATOR", community("own"));
        String token = login(username);

        HttpResponse<String> wrong = ownPassword(token, "not my password", "my new password 2026");
        assertEquals(400, wrong.getStatus().getCode(), wrong.body());
        assertEquals("currentPassword", json(wrong).get("errors").get(0).get("field").asText(), wrong.body());
        HttpResponse<String> same = ownPassword(token, PASSWORD, PASSWORD);
        assertEquals(400, same.getStatus().getCode(), same.body());
        assertEquals("newPassword", json(same).get("errors").get(0).get("field").asText(), same.body());

        assertEquals(204, ownPassword(token, PASSWORD, "my new password 2026").getStatus().getCode());
        assertEquals(200, me(token).getStatus().getCode(), "changing one's password is not a sign-out");
        assertEquals(401, loginResponse(username, PASSWORD).getStatus().getCode());
        assertEquals(200, loginResponse(username, "my new password 2026").getStatus().getCode());
        assertTrue(audited(username, "PASSWORD_CHANGED", "account:" + accountId));

        // guessing the current password with a stolen session runs into the same lockout as signing in
        for (int i = 0; i < 5; i++) {
            assertEquals(400, ownPassword(token, "guess " + i, "whatever password").getStatus().getCode());
        }
        assertEquals(429, loginResponse(username, "my new password 2026").getStatus().getCode());
        assertEquals(429, ownPassword(token, "my new password 2026", "another password").getStatus().getCode());
        assertEquals(401, ownPassword("none", "my new password 2026", "another password").getStatus().getCode());
    }

    private HttpResponse<String> change(String username, Map<String, Object> body) {
        return send(HttpRequest.PUT("/api/accounts/" + username, body), TestTokens.admin());
    }

    private HttpResponse<String> setPassword(String username, String password) {
        return send(HttpRequest.PUT("/api/accounts/" + username + "/password", Map.of("password", password)),
                TestTokens.admin());
    }

    private HttpResponse<String> ownPassword(String token, String current, String next) {
        return send(HttpRequest.PUT("/api/auth/password", Map.of("currentPassword", current, "newPassword", next)),
                token);
    }

    private JsonNode accountJson(String username) throws Exception {
        for (JsonNode a : EventJson.MAPPER.readTree(accountsJson())) {
            if (a.get("username").asText().equals(username)) {
                return a;
            }
        }
        throw new AssertionError("no account " + username);
    }

    private String community(String name) {
        String id = name + "-" + suffix;
        post("/api/communities", Map.of("id", id, "name", name));
        return id;
    }

    private long account(String username, String role, String community) {
        return id(post("/api/accounts", Map.of("username", username, "displayName", "测试 " + username, "role", role,
                "communities", List.of(community), "password", PASSWORD)));
    }

    private HttpResponse<String> switchActive(String username, boolean active, String token) {
        return send(HttpRequest.PUT("/api/accounts/" + username + "/active", Map.of("active", active)), token);
    }

    private HttpResponse<String> loginResponse(String username, String password) {
        return send(HttpRequest.POST("/api/auth/login", Map.of("username", username, "password", password)), "none");
    }

    private String login(String username) throws Exception {
        HttpResponse<String> in = loginResponse(username, PASSWORD);
        assertEquals(200, in.getStatus().getCode(), in.body());
        return json(in).get("accessToken").asText();
    }

    private String sessionCookie(String username) {
        HttpResponse<String> in = send(HttpRequest.POST("/api/auth/login?session=true",
                Map.of("username", username, "password", PASSWORD)), "none");
        assertEquals(200, in.getStatus().getCode(), in.body());
        String cookie = in.getHeaders().getAll("Set-Cookie").stream()
                .filter(c -> c.startsWith("ONECALL_SESSION=")).findFirst().orElseThrow();
        return cookie.substring("ONECALL_SESSION=".length(), cookie.indexOf(';'));
    }

    private static MutableHttpRequest<?> withCookie(MutableHttpRequest<?> request, String session) {
        return request.cookie(Cookie.of("ONECALL_SESSION", session));
    }

    private HttpResponse<String> me(String token) {
        return send(HttpRequest.GET("/api/auth/me"), token);
    }

    private String requestCode(String phone) {
        long before = smsCount(phone);
        assertEquals(202, send(HttpRequest.POST("/api/auth/code", Map.of("phone", phone)), "none").getStatus().getCode());
        assertEquals(before + 1, smsCount(phone), "a code was sent");
        String sms = send(HttpRequest.GET("/api/sms?phone=" + phone), TestTokens.admin()).body();
        // newest first
        Matcher m = Pattern.compile("验证码是 (\\d{6})").matcher(sms);
        assertTrue(m.find(), sms);
        return m.group(1);
    }

    private long smsCount(String phone) {
        return send(HttpRequest.GET("/api/sms?phone=" + phone), TestTokens.admin()).body().split("验证码是", -1).length - 1;
    }

    private String accountsJson() {
        return send(HttpRequest.GET("/api/accounts"), TestTokens.admin()).body();
    }

    private boolean accountActive(String username) throws Exception {
        for (JsonNode a : EventJson.MAPPER.readTree(accountsJson())) {
            if (a.get("username").asText().equals(username)) {
                return a.get("active").asBoolean();
            }
        }
        throw new AssertionError("no account " + username);
    }

    private boolean audited(String actor, String action, String subject) throws Exception {
        for (JsonNode e : EventJson.MAPPER.readTree(send(HttpRequest.GET("/api/audit"), TestTokens.admin()).body())) {
            if (e.get("actor").asText().equals(actor) && e.get("action").asText().equals(action)
                    && e.get("subject").asText().equals(subject) && !e.get("occurredAt").isNull()) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertTrue(response.body() != null, "no body; status " + response.getStatus());
        return EventJson.MAPPER.readTree(response.body());
    }
}
