package org.onecall.dispatch.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.onecall.events.AccountEvents;
import org.onecall.kit.security.Caller;
import org.onecall.kit.security.Role;

/**
 * {@code passwordHash} is Argon2id (password4j's PHC string); null for volunteers who sign in by SMS code.
 * Scope: {@code communities} by id, every community of {@code street}, and for a grid leader the
 * {@code grids} (codes) of its one community; the last two as comma-separated text like the first.
 * {@code tokensValidAfter}: tokens issued (iat) before it are refused, set when the account is switched off.
 */
@MappedEntity("account")
record Account(@Id @GeneratedValue @Nullable Long id, String username, String displayName, Role role,
               String communities, @Nullable @MappedProperty("street_id") String street, String grids,
               @Nullable Long volunteerId, @Nullable String phone,
               @Nullable String passwordHash, int failedLogins, @Nullable Instant lockedUntil, boolean active,
               Instant createdAt, @Nullable Instant tokensValidAfter) {

    Set<String> communitySet() {
        return split(communities);
    }

    Set<String> gridSet() {
        return split(grids);
    }

    /** A new password hash; failed sign-ins and a lock are cleared with the old password. */
    Account withPassword(String hash) {
        return new Account(id, username, displayName, role, communities, street, grids, volunteerId, phone, hash, 0,
                null, active, createdAt, tokensValidAfter);
    }

    Account withPhone(@Nullable String newPhone) {
        return new Account(id, username, displayName, role, communities, street, grids, volunteerId, newPhone,
                passwordHash, failedLogins, lockedUntil, active, createdAt, tokensValidAfter);
    }

    Account withTokensValidAfter(Instant validAfter) {
        return new Account(id, username, displayName, role, communities, street, grids, volunteerId, phone,
                passwordHash, failedLogins, lockedUntil, active, createdAt, validAfter);
    }

    /** What the notifier (and this service's memory) needs to refuse the account's tokens. */
    AccountEvents.AccountAccessChanged accessState() {
        return new AccountEvents.AccountAccessChanged(username, volunteerId, active, tokensValidAfter);
    }

    Caller caller() {
        return new Caller(username, role, communitySet(), street, gridSet(), volunteerId);
    }

    private static Set<String> split(String csv) {
        return csv.isBlank() ? Set.of() : Arrays.stream(csv.split(","))
                .map(String::strip).collect(Collectors.toUnmodifiableSet());
    }
}
