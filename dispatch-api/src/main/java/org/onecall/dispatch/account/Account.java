package org.onecall.dispatch.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.onecall.kit.security.Caller;
import org.onecall.kit.security.Role;

/** {@code passwordHash} is Argon2id (password4j's PHC string); null for volunteers who sign in by SMS code. */
@MappedEntity("account")
record Account(@Id @GeneratedValue @Nullable Long id, String username, String displayName, Role role,
               String communities, @Nullable Long volunteerId, @Nullable String phone,
               @Nullable String passwordHash, int failedLogins, @Nullable Instant lockedUntil, boolean active,
               Instant createdAt) {

    Set<String> communitySet() {
        return communities.isBlank() ? Set.of() : Arrays.stream(communities.split(","))
                .map(String::strip).collect(Collectors.toUnmodifiableSet());
    }

    Caller caller() {
        return new Caller(username, role, communitySet(), volunteerId);
    }
}
