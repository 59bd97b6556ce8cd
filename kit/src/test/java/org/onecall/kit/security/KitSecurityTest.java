package org.onecall.kit.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.generator.claims.JwtClaimsSetAdapter;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSRF, the per-address budget and token revocation, each on its own (kit has no service to start). */
class KitSecurityTest {

    private final Csrf csrf = new Csrf();

    @Test
    void aSessionCookieNeedsTheMatchingCsrfHeaderToChangeAnything() {
        HttpRequest<?> noHeader = HttpRequest.POST("/api/needs", "{}")
                .cookie(Cookie.of(Csrf.SESSION_COOKIE, "jwt")).cookie(Cookie.of(Csrf.COOKIE, "abc"));
        HttpResponse<?> refused = csrf.check(noHeader);
        assertEquals(403, refused.code());

        HttpRequest<?> wrong = HttpRequest.POST("/api/needs", "{}").cookie(Cookie.of(Csrf.SESSION_COOKIE, "jwt"))
                .cookie(Cookie.of(Csrf.COOKIE, "abc")).header(Csrf.HEADER, "abd");
        assertEquals(403, csrf.check(wrong).code());

        HttpRequest<?> right = HttpRequest.POST("/api/needs", "{}").cookie(Cookie.of(Csrf.SESSION_COOKIE, "jwt"))
                .cookie(Cookie.of(Csrf.COOKIE, "abc")).header(Csrf.HEADER, "abc");
        assertNull(csrf.check(right));
    }

    @Test
    void readsBearerCallersAndCookielessRequestsNeedNoCsrfHeader() {
        assertNull(csrf.check(HttpRequest.GET("/api/needs/1").cookie(Cookie.of(Csrf.SESSION_COOKIE, "jwt"))));
        assertNull(csrf.check(HttpRequest.POST("/api/needs", "{}").bearerAuth("jwt")));
        assertNull(csrf.check(HttpRequest.POST("/api/auth/login", "{}")));
    }

    @Test
    void theBudgetGrantsItsCapacityThenSaysHowLongToWaitAndRefills() {
        RateLimit.Bucket bucket = new RateLimit.Bucket(3, 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, bucket.take(3, 0));
        }
        assertEquals(20, bucket.take(3, 0), "3 a minute: the next token comes in 20 s");
        assertEquals(0, bucket.take(3, 20_000), "and it does");
        assertTrue(bucket.take(3, 20_000) > 0);
    }

    @Test
    void aTokenIsRefusedWhenAnyRevocationSaysSo() {
        Instant cutoff = Instant.parse("2026-12-06T10:00:00Z");
        TokenRevocations afterCutoff = (user, issuedAt) -> "wang".equals(user) && issuedAt != null
                && issuedAt.isBefore(cutoff);
        RevokedTokens<Object> tokens = new RevokedTokens<>(List.of(afterCutoff, (user, at) -> "off".equals(user)));

        assertFalse(tokens.validate(claims("wang", cutoff.minusSeconds(1)), null), "issued before the revocation");
        assertTrue(tokens.validate(claims("wang", cutoff.plusSeconds(1)), null), "issued after it");
        assertFalse(tokens.validate(claims("off", cutoff.plusSeconds(1)), null), "a switched-off account");
        assertTrue(tokens.validate(claims("li", cutoff.minusSeconds(99)), null));
        assertEquals(cutoff, RevokedTokens.issuedAt(cutoff.getEpochSecond()));
        assertEquals(cutoff, RevokedTokens.issuedAt(Date.from(cutoff)));
    }

    private static Claims claims(String subject, Instant issuedAt) {
        return new JwtClaimsSetAdapter(new JWTClaimsSet.Builder().subject(subject).issueTime(Date.from(issuedAt))
                .build());
    }
}
