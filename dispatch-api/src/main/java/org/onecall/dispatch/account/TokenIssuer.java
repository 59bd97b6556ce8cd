package org.onecall.dispatch.account;

import io.micronaut.context.annotation.Value;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import java.util.List;
import org.onecall.kit.security.Caller;

/** Signs the bearer token (JWT) that every OneCall service accepts. */
@Singleton
class TokenIssuer {

    private final TokenGenerator tokens;
    private final int lifetimeSeconds;

    TokenIssuer(TokenGenerator tokens, @Value("${onecall.security.token-lifetime-seconds:43200}") int lifetimeSeconds) {
        this.tokens = tokens;
        this.lifetimeSeconds = lifetimeSeconds;
    }

    Issued issue(Caller caller) {
        Authentication auth = Authentication.build(caller.username(), List.of(caller.role().name()), caller.claims());
        String token = tokens.generateToken(auth, lifetimeSeconds)
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
