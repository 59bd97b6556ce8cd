package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.onecall.kit.Refusal;

/**
 * The one place a need changes state: checks the transition is allowed, applies it as a
 * compare-and-set (so of two racing changes exactly one wins) and writes the history line with
 * who and when. Callers write the matching outbox event in the same transaction.
 */
@Singleton
class Lifecycle {

    private final NeedRepository needs;
    private final NeedHistoryRepository history;
    private final Clock clock;

    Lifecycle(NeedRepository needs, NeedHistoryRepository history, Clock clock) {
        this.needs = needs;
        this.history = history;
        this.clock = clock;
    }

    /** Records the first line of a new need's history. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void created(Need need, String eventType, String actor, @Nullable String detail) {
        history.save(new NeedHistoryEntry(null, need.id(), clock.instant(), eventType, null, need.status(), actor,
                detail));
    }

    /** A history line for a change that is not a move, e.g. a hand-over of ownership. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void note(Need need, String eventType, String actor, @Nullable String detail) {
        history.save(new NeedHistoryEntry(null, need.id(), clock.instant(), eventType, need.status(), need.status(),
                actor, detail));
    }

    /**
     * Moves {@code before} to {@code after} (status and the fields that go with it). Refuses with a
     * 409-kind {@link Refusal} when the lifecycle does not allow it or someone else changed the need first.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Need move(Need before, Need after, String eventType, String actor, @Nullable String detail) {
        if (!before.status().canMoveTo(after.status())) {
            throw Refusal.conflict("need " + before.id() + " is " + before.status() + " and cannot become "
                    + after.status());
        }
        var now = clock.instant();
        int changed = needs.transition(before.id(), before.status().name(), before.matchAttempt(),
                after.status().name(), after.matchAttempt(), after.volunteerId(), after.rating(), now);
        if (changed == 0) {
            throw Refusal.conflict("need " + before.id() + " was changed by someone else; reload and try again");
        }
        history.save(new NeedHistoryEntry(null, before.id(), now, eventType, before.status(), after.status(), actor,
                detail));
        return needs.findById(before.id()).orElseThrow();
    }
}
