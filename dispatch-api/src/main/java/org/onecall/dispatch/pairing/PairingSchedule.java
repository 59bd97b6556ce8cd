package org.onecall.dispatch.pairing;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.onecall.dispatch.volunteer.Volunteers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pairing clock: raises visits a while ({@code onecall.pairing.lead}) before their windows and judges
 * those whose windows ended. Time comes from the injected {@link Clock}, so tests move it instead of waiting.
 */
@Singleton
public class PairingSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(PairingSchedule.class);

    private final Pairings pairings;
    private final Volunteers volunteers;
    private final Clock clock;
    private final Duration lead;

    PairingSchedule(Pairings pairings, Volunteers volunteers, Clock clock,
                    @Value("${onecall.pairing.lead:1d}") Duration lead) {
        this.pairings = pairings;
        this.volunteers = volunteers;
        this.clock = clock;
        this.lead = lead;
    }

    @Scheduled(fixedDelay = "${onecall.pairing.check:1m}", initialDelay = "${onecall.pairing.check:1m}")
    public void tick() {
        Instant now = clock.instant();
        for (long id : pairings.activeIds()) {
            try {
                pairings.raiseDue(id, now, lead, volunteers.zone());
            } catch (RuntimeException e) {
                // another instance raised it first (unique window), or the data changed: the next tick retries
                LOG.warn("could not raise the visits of pairing {}: {}", id, e.toString());
            }
        }
        for (PairingVisit visit : pairings.dueVisits(now)) {
            try {
                pairings.settle(visit, now);
            } catch (RuntimeException e) {
                LOG.warn("could not settle pairing visit {}: {}", visit.id(), e.toString());
            }
        }
    }
}
