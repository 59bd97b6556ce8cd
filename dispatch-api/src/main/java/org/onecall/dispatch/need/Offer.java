package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** {@code merchantId}: where the volunteer buys the goods, when the offer names a merchant (its job is counted). */
@MappedEntity("offer")
public record Offer(@Id @GeneratedValue @Nullable Long id, long needId, long volunteerId, int matchAttempt,
                    OfferStatus status, int distanceMeters, Instant createdAt, Instant expiresAt,
                    @Nullable Instant respondedAt, @Nullable Long merchantId) {
}
