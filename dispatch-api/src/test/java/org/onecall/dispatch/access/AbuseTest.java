package org.onecall.dispatch.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onecall.testsupport.TestTokens;

/** Rate limits, secure headers, and untrusted text that must come back as text. */
@MicronautTest(environments = "dispatch", transactional = false)
class AbuseTest extends SecuredApiTest {

    @Override
    Map<String, String> extraProperties() {
        return Map.of("onecall.security.auth-requests-per-minute", "5");
    }

    @Test
    void sign_in_attempts_beyond_the_limit_get_429_with_retry_after() {
        int limited = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 8; i++) {
            last = send(HttpRequest.POST("/api/auth/login", Map.of("username", "someone", "password", "guess " + i)),
                    "none");
            if (last.getStatus().getCode() == 429) {
                limited++;
            }
        }
        assertTrue(limited >= 3, "expected the 6th and later attempts to be limited, got " + limited);
        assertTrue(last.getHeaders().get("Retry-After") != null);
        assertTrue(last.getHeaders().getContentType().orElse("").contains("problem+json"));
        assertEquals("nosniff", last.getHeaders().get("X-Content-Type-Options"));
    }

    @Test
    void reading_who_is_signed_in_is_not_a_sign_in_attempt() {
        // every web page asks as it opens: far more often than anyone signs in
        for (int i = 0; i < 12; i++) {
            assertEquals(200, send(HttpRequest.GET("/api/auth/me"), TestTokens.staff("OPERATOR", List.of("a")))
                    .getStatus().getCode(), "request " + i);
        }
    }

    @Test
    void responses_carry_secure_headers_and_personal_data_is_not_cached() {
        HttpResponse<String> r = send(HttpRequest.GET("/api/communities"), TestTokens.admin());
        assertEquals("nosniff", r.getHeaders().get("X-Content-Type-Options"));
        assertEquals("DENY", r.getHeaders().get("X-Frame-Options"));
        assertTrue(r.getHeaders().get("Content-Security-Policy").contains("default-src 'none'"));
        assertEquals("no-store", r.getHeaders().get("Cache-Control"));
    }

    @Test
    void refusals_carry_the_secure_headers_too() {
        // security answers 401/403 itself, before any route runs: the headers must still be there
        for (HttpResponse<String> r : List.of(send(HttpRequest.GET("/api/needs/1"), "none"),
                send(HttpRequest.GET("/api/accounts"), TestTokens.staff("OPERATOR", List.of("a"))))) {
            assertTrue(List.of(401, 403).contains(r.getStatus().getCode()), "status " + r.getStatus());
            assertEquals("nosniff", r.getHeaders().get("X-Content-Type-Options"), "on " + r.getStatus());
            assertEquals("DENY", r.getHeaders().get("X-Frame-Options"), "on " + r.getStatus());
            assertEquals("no-store", r.getHeaders().get("Cache-Control"), "on " + r.getStatus());
        }
    }

    @Test
    void a_description_with_html_comes_back_as_json_text_not_markup() {
        post("/api/communities", Map.of("id", "abuse-a", "name", "A"));
        long household = id(post("/api/communities/abuse-a/households", Map.of("headName", "<b>赵</b>",
                "phone", "13900020001", "building", "1号楼", "address", "1号楼101", "lat", 39.7, "lon", 116.3)));
        String script = "<script>alert('x')</script> 降压药";
        long need = id(post("/api/needs", Map.of("householdId", household, "category", "MEDICINE",
                "urgency", "TODAY", "description", script,
                "items", List.of(Map.of("name", "<i>降压药</i>")))));
        HttpResponse<String> r = send(HttpRequest.GET("/api/needs/" + need), TestTokens.admin());
        assertTrue(r.getHeaders().getContentType().orElseThrow().startsWith("application/json"));
        assertTrue(r.body().contains("\"description\":\"<script>alert('x')</script> 降压药\""), r.body());
        assertEquals(script, get("/api/needs/" + need).get("description"));
    }

    @Test
    void phones_are_masked_outside_the_job_and_every_full_view_is_audited() {
        post("/api/communities", Map.of("id", "abuse-b", "name", "B"));
        Map<String, Object> h = post("/api/communities/abuse-b/households", Map.of("headName", "钱奶奶",
                "phone", "13812345678", "building", "2号楼", "address", "2号楼1单元502", "lat", 39.7, "lon", 116.3));
        assertEquals("138****5678", h.get("phone"));
        Map<String, Object> v = post("/api/communities/abuse-b/volunteers", Map.of("name", "李建国",
                "phone", "13800010001", "skills", List.of("MEALS"), "lat", 39.7, "lon", 116.3,
                "maxConcurrentJobs", 2, "onDuty", true));
        assertEquals("138****0001", v.get("phone"));
        assertEquals("138****5678", get("/api/households/" + id(h)).get("phone"));
        String audit = send(HttpRequest.GET("/api/audit"), TestTokens.admin()).body();
        assertTrue(!audit.contains("household:" + id(h)), "no full view yet, nothing audited: " + audit);
    }
}
