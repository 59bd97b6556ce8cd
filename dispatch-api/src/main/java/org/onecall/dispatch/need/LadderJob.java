package org.onecall.dispatch.need;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one scheduled job of the ladder: settles needs someone holds now, puts waiting needs with a reason on
 * the ladder, climbs those whose rung's time is up, and flags (and climbs) those past their service target.
 * Each step is its own transaction and a compare-and-set through the lifecycle, so several dispatch-api
 * instances may run it at once: the loser of a race is refused and the need moves once.
 */
@Singleton
class LadderJob {

    private static final Logger LOG = LoggerFactory.getLogger(LadderJob.class);
    private final Ladder ladder;
    private final Clock clock;

    LadderJob(Ladder ladder, Clock clock) {
        this.ladder = ladder;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${onecall.escalation.check:30s}", initialDelay = "${onecall.escalation.check:30s}")
    void run() {
        ladder.settled().forEach(e -> each(e.needId(), ladder::settle));
        var now = clock.instant();
        ladder.offLadder().stream().filter(n -> ladder.reasonToStart(n, now).isPresent())
                .forEach(n -> each(n.id(), ladder::start));
        ladder.due().forEach(e -> each(e.needId(), ladder::climbIfDue));
        ladder.newlyOverdue().forEach(e -> each(e.needId(), ladder::flagOverdue));
    }

    private static void each(long needId, LongPredicate step) {
        try {
            step.test(needId);
        } catch (RuntimeException e) {
            LOG.warn("escalation of need {} not applied: {}", needId, e.toString());
        }
    }
}
