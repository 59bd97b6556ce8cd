package org.onecall.dispatch.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.onecall.events.EventJson;

@MicronautTest(environments = "dispatch", transactional = false)
class SignInTest extends SecuredApiTest {

    @Override
    Map<String, String> extraProperties() {
        return Map.of("onecall.security.max-failed-logins", "3", "onecall.security.auth-requests-per-minute", "1000");
    }

    @Test
    void a_password_sign_in_gives_a_token_that_works_and_says_who_you_are() throws Exception {
        post("/api/communities", Map.of("id", "signin-a", "name", "A"));
        post("/api/accounts", Map.of("username", "operator-wang", "displayName", "王接线员", "role", "OPERATOR",
                "communities", List.of("signin-a"), "password", "correct horse battery"));

        HttpResponse<String> ok = send(HttpRequest.POST("/api/auth/login",
                Map.of("username", "operator-wang", "password", "correct horse battery")), "none");
        assertEquals(200, ok.getStatus().getCode());
        String token = json(ok).get("accessToken").asText();
        JsonNode me = json(send(HttpRequest.GET("/api/auth/me"), token));
        assertEquals("operator-wang", me.get("username").asText());
        assertEquals("OPERATOR", me.get("role").asText());
        assertEquals("signin-a", me.get("communities").get(0).asText());

        // the password is stored as an Argon2id hash, never returned
        String accounts = send(HttpRequest.GET("/api/accounts"), org.onecall.testsupport.TestTokens.admin()).body();
        assertFalse(accounts.contains("correct horse"), accounts);
        assertFalse(accounts.contains("passwordHash"), accounts);
    }

    @Test
    void repeated_wrong_passwords_hold_back_that_address_even_for_the_right_one() {
        post("/api/communities", Map.of("id", "signin-b", "name", "B"));
        post("/api/accounts", Map.of("username", "coordinator-zhang", "displayName", "张书记", "role", "COORDINATOR",
                "communities", List.of("signin-b"), "password", "the right password"));
        for (int i = 0; i < 3; i++) {
            assertEquals(401, send(HttpRequest.POST("/api/auth/login",
                    Map.of("username", "coordinator-zhang", "password", "wrong " + i)), "none").getStatus().getCode());
        }
        HttpResponse<String> locked = send(HttpRequest.POST("/api/auth/login",
                Map.of("username", "coordinator-zhang", "password", "the right password")), "none");
        assertEquals(429, locked.getStatus().getCode());
        assertTrue(locked.body().contains("from your address"), locked.body());
        // an unknown user gets the same answer as a wrong password: no hint which usernames exist
        HttpResponse<String> unknown = send(HttpRequest.POST("/api/auth/login",
                Map.of("username", "nobody-here", "password", "whatever it is")), "none");
        assertEquals(401, unknown.getStatus().getCode());
        String audit = send(HttpRequest.GET("/api/audit"), org.onecall.testsupport.TestTokens.admin()).body();
        assertTrue(audit.contains("SIGN_IN_THROTTLED"), audit);
    }

    @Test
    void a_volunteer_signs_in_with_a_code_sent_by_sms_and_sees_only_their_own_things() throws Exception {
        post("/api/communities", Map.of("id", "signin-c", "name", "C"));
        long volunteer = id(post("/api/communities/signin-c/volunteers", Map.of("name", "李建国",
                "phone", "138 0001 0001", "skills", List.of("MEALS"), "lat", 39.7, "lon", 116.3,
                "maxConcurrentJobs", 2, "onDuty", true)));
        long otherVolunteer = id(post("/api/communities/signin-c/volunteers", Map.of("name", "王秀英",
                "phone", "13800010002", "skills", List.of("MEALS"), "lat", 39.7, "lon", 116.3,
                "maxConcurrentJobs", 2, "onDuty", true)));

        assertEquals(202, send(HttpRequest.POST("/api/auth/code", Map.of("phone", "+86 138-0001-0001")), "none")
                .getStatus().getCode());
        // an unknown phone gets the same answer, and no SMS
        assertEquals(202, send(HttpRequest.POST("/api/auth/code", Map.of("phone", "13999999999")), "none")
                .getStatus().getCode());
        assertEquals("[]", send(HttpRequest.GET("/api/sms?phone=13999999999"),
                org.onecall.testsupport.TestTokens.admin()).body());

        String sms = send(HttpRequest.GET("/api/sms?phone=13800010001"), org.onecall.testsupport.TestTokens.admin()).body();
        Matcher m = Pattern.compile("验证码是 (\\d{6})").matcher(sms);
        assertTrue(m.find(), sms);
        String code = m.group(1);

        String wrong = code.equals("000000") ? "111111" : "000000";
        assertEquals(401, send(HttpRequest.POST("/api/auth/code/login", Map.of("phone", "13800010001", "code", wrong)),
                "none").getStatus().getCode());
        HttpResponse<String> in = send(HttpRequest.POST("/api/auth/code/login",
                Map.of("phone", "13800010001", "code", code)), "none");
        assertEquals(200, in.getStatus().getCode(), in.body());
        JsonNode issued = json(in);
        assertEquals("VOLUNTEER", issued.get("role").asText());
        assertEquals(volunteer, issued.get("volunteerId").asLong());
        String token = issued.get("accessToken").asText();

        // the code works once
        assertEquals(401, send(HttpRequest.POST("/api/auth/code/login", Map.of("phone", "13800010001", "code", code)),
                "none").getStatus().getCode());
        assertEquals(200, send(HttpRequest.GET("/api/volunteers/" + volunteer + "/offers"), token).getStatus().getCode());
        assertEquals(403, send(HttpRequest.GET("/api/volunteers/" + otherVolunteer + "/offers"), token).getStatus().getCode());
        assertEquals(403, send(HttpRequest.GET("/api/communities/signin-c/needs"), token).getStatus().getCode());
    }

    @Test
    void a_page_session_is_an_http_only_cookie_and_state_changes_need_the_csrf_header() throws Exception {
        post("/api/communities", Map.of("id", "signin-d", "name", "D"));
        post("/api/accounts", Map.of("username", "operator-li", "displayName", "李接线员", "role", "OPERATOR",
                "communities", List.of("signin-d"), "password", "a long enough password"));
        HttpResponse<String> in = send(HttpRequest.POST("/api/auth/login?session=true",
                Map.of("username", "operator-li", "password", "a long enough password")), "none");
        List<String> cookies = in.getHeaders().getAll("Set-Cookie");
        String session = cookies.stream().filter(c -> c.startsWith("ONECALL_SESSION=")).findFirst().orElseThrow();
        String csrf = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
        assertTrue(session.toLowerCase().contains("httponly"), session);
        assertTrue(session.toLowerCase().contains("samesite=strict"), session);
        String sessionValue = session.substring("ONECALL_SESSION=".length(), session.indexOf(';'));
        String csrfValue = csrf.substring("XSRF-TOKEN=".length(), csrf.indexOf(';'));

        // reading with the cookie works
        var read = HttpRequest.GET("/api/communities/signin-d").cookie(io.micronaut.http.cookie.Cookie.of(
                "ONECALL_SESSION", sessionValue));
        read.header("Authorization", "none");
        assertEquals(200, exchange(read).getStatus().getCode());

        Map<String, Object> household = Map.of("headName", "赵大爷", "phone", "13900020001", "building", "1号楼",
                "address", "1号楼101", "lat", 39.7, "lon", 116.3);
        var forged = HttpRequest.POST("/api/communities/signin-d/households", household)
                .cookie(io.micronaut.http.cookie.Cookie.of("ONECALL_SESSION", sessionValue));
        forged.header("Authorization", "none");
        HttpResponse<String> refused = exchange(forged);
        assertEquals(403, refused.getStatus().getCode());
        assertTrue(refused.body().contains("CSRF"), refused.body());

        var genuine = HttpRequest.POST("/api/communities/signin-d/households", household)
                .cookie(io.micronaut.http.cookie.Cookie.of("ONECALL_SESSION", sessionValue))
                .cookie(io.micronaut.http.cookie.Cookie.of("XSRF-TOKEN", csrfValue))
                .header("X-XSRF-TOKEN", csrfValue);
        genuine.header("Authorization", "none");
        assertEquals(201, exchange(genuine).getStatus().getCode());
    }

    private HttpResponse<String> exchange(io.micronaut.http.MutableHttpRequest<?> request) {
        try {
            return client.toBlocking().exchange(request, String.class);
        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> r = (HttpResponse<String>) e.getResponse();
            return r;
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertNotNull(response.body(), "no body; status " + response.getStatus());
        return EventJson.MAPPER.readTree(response.body());
    }
}
