package org.onecall.dispatch.rating;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A rating asked by SMS; open until answered; {@code overdueAt}: when the no-answer call-back was raised. */
@MappedEntity("rating_request")
record RatingRequest(@Id long needId, long householdId, Instant askedAt, @Nullable Instant answeredAt,
                     @Nullable Instant overdueAt) {
}
