package org.onecall.dispatch.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** Wrong passwords for one account from one address, and until when that address must wait. */
@MappedEntity("sign_in_throttle")
record ThrottleRow(@Id @GeneratedValue @Nullable Long id, String username, String address, int failures,
                   @Nullable Instant blockedUntil, Instant lastFailureAt) {
}
