package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("need")
public record Need(@Id @GeneratedValue @Nullable Long id, String communityId, long householdId, String category,
                   Urgency urgency, String description, NeedStatus status, String takenBy, String source,
                   int matchAttempt, @Nullable Long volunteerId, @Nullable Integer rating,
                   Instant createdAt, Instant updatedAt) {

    Need withStatus(NeedStatus to) {
        return new Need(id, communityId, householdId, category, urgency, description, to, takenBy, source,
                matchAttempt, volunteerId, rating, createdAt, updatedAt);
    }

    Need nextRound() {
        return new Need(id, communityId, householdId, category, urgency, description, NeedStatus.MATCHING, takenBy,
                source, matchAttempt + 1, null, rating, createdAt, updatedAt);
    }

    Need heldBy(@Nullable Long volunteer) {
        return new Need(id, communityId, householdId, category, urgency, description, status, takenBy, source,
                matchAttempt, volunteer, rating, createdAt, updatedAt);
    }

    Need rated(int stars) {
        return new Need(id, communityId, householdId, category, urgency, description, status, takenBy, source,
                matchAttempt, volunteerId, stars, createdAt, updatedAt);
    }
}
