package org.onecall.dispatch.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onecall.testsupport.TestTokens;

/**
 * Every public route is rate limited per address, on one of three budgets: sign-in routes on a tight
 * one, partners' signed callbacks on a generous one, the others (health, the API description) on their
 * own, so exhausting one leaves the others.
 */
@MicronautTest(environments = "dispatch", transactional = false)
class PublicRateLimitTest extends SecuredApiTest {

    @Override
    Map<String, String> extraProperties() {
        return Map.of("onecall.security.auth-requests-per-minute", "4",
                "onecall.security.public-requests-per-minute", "3",
                "onecall.security.callback-requests-per-minute", "6");
    }

    @Test
    void public_routes_beyond_their_budget_get_429_with_retry_after_and_the_budgets_are_separate() {
        for (int i = 0; i < 4; i++) {
            assertEquals(401, login().getStatus().getCode(), "attempt " + (i + 1) + " is within the sign-in budget");
        }
        assertLimited(login());

        // the sign-in budget is spent; the public one is untouched
        assertEquals(200, send(HttpRequest.GET("/openapi/onecall.yml"), "none").getStatus().getCode());
        assertEquals(200, send(HttpRequest.GET("/health"), "none").getStatus().getCode());
        assertEquals(200, send(HttpRequest.GET("/health/liveness"), "none").getStatus().getCode());
        assertLimited(send(HttpRequest.GET("/health"), "none"));
        assertLimited(send(HttpRequest.GET("/openapi/onecall.yml"), "none"));
        // signing in does not make a public route unlimited
        assertLimited(send(HttpRequest.GET("/health/liveness"), TestTokens.admin()));

        // the phone system's calls (a partner proving itself with its token) have a budget of their own:
        // answered on their merits (here: an unknown phone system) until that one is spent too
        for (int i = 0; i < 6; i++) {
            int status = send(HttpRequest.POST("/api/phone/calls", Map.of("caller", "13900000000"))
                    .header("X-Phone-System-Token", "not a known token"), "none").getStatus().getCode();
            assertTrue(status == 401 || status == 403, "call " + (i + 1) + " is within the callback budget: " + status);
        }
        assertLimited(send(HttpRequest.POST("/api/phone/calls", Map.of("caller", "13900000000"))
                .header("X-Phone-System-Token", "not a known token"), "none"));

        // signed-in routes draw on none of the budgets
        for (int i = 0; i < 10; i++) {
            assertEquals(200, send(HttpRequest.GET("/api/communities"), TestTokens.admin()).getStatus().getCode());
        }
    }

    private HttpResponse<String> login() {
        return send(HttpRequest.POST("/api/auth/login", Map.of("username", "nobody", "password", "a wrong guess")),
                "none");
    }

    private static void assertLimited(HttpResponse<String> r) {
        assertEquals(429, r.getStatus().getCode(), r.body());
        String retryAfter = r.getHeaders().get("Retry-After");
        assertNotNull(retryAfter);
        assertTrue(Integer.parseInt(retryAfter) >= 1, retryAfter);
        assertTrue(r.getHeaders().getContentType().orElse("").contains("problem+json"));
        assertTrue(r.body().contains("\"status\":429"), r.body());
    }
}
