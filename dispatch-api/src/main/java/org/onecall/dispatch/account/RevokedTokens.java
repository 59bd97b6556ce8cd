package org.onecall.dispatch.account;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Date;

/**
 * Refuses a signed, unexpired token (bearer or session cookie) of a switched-off account, or one
 * issued before the account's tokens were revoked. The request then has no authentication, and
 * security answers the same 401 problem+json as for any invalid token.
 *
 * <p>A {@link GenericJwtClaimsValidator}, not a plain {@code JwtClaimsValidator}: Micronaut Security
 * 4's token validator takes only beans of the generic kind. It reads memory only ({@link Revocations}):
 * it runs on the event loop for every request.
 */
@Singleton
class RevokedTokens<T> implements GenericJwtClaimsValidator<T> {

    private final Revocations revocations;

    RevokedTokens(Revocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public boolean validate(@NonNull Claims claims, @Nullable T request) {
        if (!(claims.get(Claims.SUBJECT) instanceof String username)) {
            return true; // no subject: refused by Micronaut's own SubjectNotNullJwtClaimsValidator
        }
        Revocations.Revocation revocation = revocations.of(username);
        return revocation == null || !revocation.refuses(issuedAt(claims.get(Claims.ISSUED_AT)));
    }

    @Nullable
    static Instant issuedAt(@Nullable Object iat) {
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
