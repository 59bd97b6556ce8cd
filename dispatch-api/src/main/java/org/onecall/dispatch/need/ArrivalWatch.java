package org.onecall.dispatch.need;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.onecall.kit.UniqueViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled check for volunteers not arrived by what the resident was told. Each need is its own
 * transaction; two instances racing over one need record it once (the unique key refuses the loser).
 */
@Singleton
public class ArrivalWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ArrivalWatch.class);
    private final LateArrivals late;
    private final Clock clock;

    ArrivalWatch(LateArrivals late, Clock clock) {
        this.late = late;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${onecall.arrival.check:60s}", initialDelay = "${onecall.arrival.check:60s}")
    void run() {
        check(clock.instant());
    }

    /** Checks as of {@code now}; answers how many late arrivals it found. */
    public int check(Instant now) {
        int found = 0;
        for (Need need : late.candidates(now)) {
            try {
                found += late.flag(need.id(), now) ? 1 : 0;
            } catch (RuntimeException e) {
                if (UniqueViolation.of(e, "arrival_overdue_once")) {
                    LOG.debug("late arrival of need {} was recorded by another instance", need.id());
                } else {
                    LOG.warn("late arrival of need {} not recorded: {}", need.id(), e.toString());
                }
            }
        }
        return found;
    }
}
