package org.onecall.dispatch.account;

import io.micronaut.context.annotation.Value;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.claims.ClaimsGenerator;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.onecall.kit.security.Caller;
import org.onecall.kit.security.RevokedTokens;

/** Signs the bearer token (JWT) that every OneCall service accepts. */
@Singleton
class TokenIssuer {

    private final ClaimsGenerator claims;
    private final TokenGenerator tokens;
    private final int lifetimeSeconds;

    TokenIssuer(ClaimsGenerator claims, TokenGenerator tokens,
                @Value("${onecall.security.token-lifetime-seconds:43200}") int lifetimeSeconds) {
        this.claims = claims;
        this.tokens = tokens;
        this.lifetimeSeconds = lifetimeSeconds;
    }

    Issued issue(Account account) {
        return issue(account.caller(), account.tokensValidAfter());
    }

    /**
     * Micronaut's claims (sub, roles, iat, exp, ...) and ours. {@code validAfter}: the account's tokens
     * issued before it are refused. It is the whole second after a switch-off, and iat has whole
     * seconds, so an account switched on again within that second would get a token that looks
     * revoked: its iat is moved up to {@code validAfter} (less than a second ahead).
     */
    Issued issue(Caller caller, @Nullable Instant validAfter) {
        Authentication auth = Authentication.build(caller.username(), List.of(caller.role().name()), caller.claims());
        Map<String, Object> set = new LinkedHashMap<>(claims.generateClaims(auth, lifetimeSeconds));
        Instant issuedAt = RevokedTokens.issuedAt(set.get(Claims.ISSUED_AT));
        if (issuedAt == null) {
            throw new IllegalStateException("the token has no iat: revocation could not tell it from an old one");
        }
        if (validAfter != null && issuedAt.isBefore(validAfter)) {
            set.put(Claims.ISSUED_AT, Date.from(validAfter));
        }
        String token = tokens.generateToken(set)
                .orElseThrow(() -> new IllegalStateException("token signing is not configured"));
        return new Issued(token, "Bearer", lifetimeSeconds, caller.username(), caller.role().name(),
                caller.communities().stream().sorted().toList(), caller.street(),
                caller.grids().stream().sorted().toList(), caller.volunteerId());
    }

    /** {@code accessToken} and {@code tokenType} are absent for a page session: the token is only in the cookie. */
    @io.micronaut.core.annotation.Introspected
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Issued(@io.micronaut.core.annotation.Nullable String accessToken,
                  @io.micronaut.core.annotation.Nullable String tokenType, int expiresIn, String username,
                  String role, List<String> communities, @io.micronaut.core.annotation.Nullable String street,
                  List<String> grids, @io.micronaut.core.annotation.Nullable Long volunteerId) {

        Issued withoutToken() {
            return new Issued(null, null, expiresIn, username, role, communities, street, grids, volunteerId);
        }
    }
}
