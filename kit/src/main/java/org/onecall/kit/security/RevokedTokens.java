package org.onecall.kit.security;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Refuses a signed, unexpired token (bearer or session cookie) of a switched-off account, or one
 * issued before the account's tokens were revoked, as any {@link TokenRevocations} knows it. The
 * request then has no authentication, and security answers the same 401 problem+json as for any
 * invalid token. A service without revocations (the matcher) accepts every signed token.
 *
 * <p>A {@link GenericJwtClaimsValidator}, not a plain {@code JwtClaimsValidator}: Micronaut Security
 * 4's token validator takes only beans of the generic kind.
 */
@Singleton
public class RevokedTokens<T> implements GenericJwtClaimsValidator<T> {

    private final List<TokenRevocations> revocations;

    RevokedTokens(List<TokenRevocations> revocations) {
        this.revocations = List.copyOf(revocations);
    }

    @Override
    public boolean validate(@NonNull Claims claims, @Nullable T request) {
        if (!(claims.get(Claims.SUBJECT) instanceof String username)) {
            return true; // no subject: refused by Micronaut's own SubjectNotNullJwtClaimsValidator
        }
        Instant issuedAt = issuedAt(claims.get(Claims.ISSUED_AT));
        return revocations.stream().noneMatch(r -> r.refuses(username, issuedAt));
    }

    /** A token's iat as Micronaut or a parser hands it over (Date, Instant or epoch seconds); null if absent. */
    @Nullable
    public static Instant issuedAt(@Nullable Object iat) {
        if (iat instanceof Date d) {
            return d.toInstant();
        }
        if (iat instanceof Instant i) {
            return i;
        }
        if (iat instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return null;
    }
}
