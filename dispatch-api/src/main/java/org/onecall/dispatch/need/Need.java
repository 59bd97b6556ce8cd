package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A resident's need. {@code takenBy} is its owner (首问责任制: whoever took the call follows it up);
 * {@code source}/{@code sourceId} say where it came from (HOTLINE, 12345 work order, GRID report).
 * {@code windowStart}/{@code windowEnd} both null mean as soon as possible; {@code dueAt} is the
 * service commitment computed when it was raised (see {@link ServiceTargets}).
 */
@MappedEntity("need")
public record Need(@Id @GeneratedValue @Nullable Long id, String communityId, long householdId, String category,
                   Urgency urgency, String description, NeedStatus status, String takenBy, String source,
                   int matchAttempt, @Nullable Long volunteerId, @Nullable Integer rating,
                   Instant createdAt, Instant updatedAt, @Nullable String sourceId, boolean buysGoods,
                   @Nullable Instant windowStart, @Nullable Instant windowEnd, @Nullable Instant dueAt) {

    Need withStatus(NeedStatus to) {
        return new Need(id, communityId, householdId, category, urgency, description, to, takenBy, source,
                matchAttempt, volunteerId, rating, createdAt, updatedAt, sourceId, buysGoods, windowStart, windowEnd,
                dueAt);
    }

    Need nextRound() {
        return new Need(id, communityId, householdId, category, urgency, description, NeedStatus.MATCHING, takenBy,
                source, matchAttempt + 1, null, rating, createdAt, updatedAt, sourceId, buysGoods, windowStart,
                windowEnd, dueAt);
    }

    Need heldBy(@Nullable Long volunteer) {
        return new Need(id, communityId, householdId, category, urgency, description, status, takenBy, source,
                matchAttempt, volunteer, rating, createdAt, updatedAt, sourceId, buysGoods, windowStart, windowEnd,
                dueAt);
    }

    Need rated(int stars) {
        return new Need(id, communityId, householdId, category, urgency, description, status, takenBy, source,
                matchAttempt, volunteerId, stars, createdAt, updatedAt, sourceId, buysGoods, windowStart, windowEnd,
                dueAt);
    }

    /** Served or over: nothing more is owed to the resident, so it can no longer be late. */
    boolean served() {
        return status == NeedStatus.DONE || status == NeedStatus.CLOSED || status == NeedStatus.CANCELLED;
    }

    boolean lateAt(Instant now) {
        return dueAt != null && !served() && now.isAfter(dueAt);
    }
}
