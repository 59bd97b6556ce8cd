package org.onecall.dispatch.wish;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One step of a wish (WishPublished, WishClaimed, WishFulfilled); {@code householdId} null for a project. */
@MappedEntity("wish_history")
public record WishHistoryEntry(@Id @GeneratedValue @Nullable Long id, long wishId, @Nullable Long householdId,
                               Instant occurredAt, String eventType, String actor, @Nullable String detail) {
}
