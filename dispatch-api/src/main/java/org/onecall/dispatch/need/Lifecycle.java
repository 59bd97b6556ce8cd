package org.onecall.dispatch.need;

import io.micronaut.context.event.ApplicationEventPublisher;
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
    private final ApplicationEventPublisher<NeedMoved> moved;

    Lifecycle(NeedRepository needs, NeedHistoryRepository history, Clock clock,
              ApplicationEventPublisher<NeedMoved> moved) {
        this.needs = needs;
        this.history = history;
        this.clock = clock;
        this.moved = moved;
    }

    /** Records the first line of a new need's history. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void created(Need need, String eventType, String actor, @Nullable String detail) {
        history.save(new NeedHistoryEntry(null, need.id(), clock.instant(), eventType, null, need.status(), actor,
                detail));
        moved.publishEvent(new NeedMoved(need.id(), need.communityId(), need.status()));
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
        moved.publishEvent(new NeedMoved(before.id(), before.communityId(), after.status()));
        return needs.findById(before.id()).orElseThrow();
    }

    /**
     * A history line for a step that does not change the need's state (a rung of the ladder while an offer
     * is pending, a department's answer, a hand-over of ownership), as a compare-and-set like {@link #move}: refused when someone
     * changed the need meanwhile, so the line never describes a state that is already gone.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Need note(Need need, String eventType, String actor, @Nullable String detail) {
        var now = clock.instant();
        int changed = needs.transition(need.id(), need.status().name(), need.matchAttempt(), need.status().name(),
                need.matchAttempt(), need.volunteerId(), need.rating(), now);
        if (changed == 0) {
            throw Refusal.conflict("need " + need.id() + " was changed by someone else; reload and try again");
        }
        history.save(new NeedHistoryEntry(null, need.id(), now, eventType, need.status(), need.status(), actor,
                detail));
        return needs.findById(need.id()).orElseThrow();
    }
}
