package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.onecall.kit.Refusal;

/** What other features may read of a need (its state still moves only through {@link Lifecycle}). */
@Singleton
public class NeedQueries {

    private final NeedRepository needs;

    NeedQueries(NeedRepository needs) {
        this.needs = needs;
    }

    /** {@code owner}: the operator who took the call (first-contact responsibility). */
    public record Summary(long id, long householdId, String communityId, String owner, String category,
                          String status, @Nullable Long volunteerId, @Nullable Instant windowStart,
                          @Nullable Instant windowEnd, @Nullable Instant dueAt) {
    }

    public Summary summary(long needId) {
        Need n = needs.findById(needId).orElseThrow(() -> Refusal.notFound("need", needId));
        return new Summary(n.id(), n.householdId(), n.communityId(), n.takenBy(), n.category(), n.status().name(),
                n.volunteerId(), n.windowStart(), n.windowEnd(), n.dueAt());
    }
}
