package org.onecall.dispatch.need;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.onecall.kit.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When matching starts. As soon as possible: at once. An appointment (预约): a lead time before its
 * window ({@code onecall.appointments.lead-time}, e.g. the evening before a morning visit), so the
 * volunteer is asked when the answer matters and the offer does not lapse a day early; until then the
 * need waits OPEN with a history line saying when matching starts, and this job starts it on time.
 */
@Singleton
class AppointmentStarts {

    private static final Logger LOG = LoggerFactory.getLogger(AppointmentStarts.class);

    private final AppointmentRepository appointments;
    private final NeedRepository needs;
    private final NeedHistoryRepository history;
    private final NeedService service;
    private final Clock clock;
    private final Duration lead;

    AppointmentStarts(AppointmentRepository appointments, NeedRepository needs, NeedHistoryRepository history,
                      NeedService service, Clock clock, @Value("${onecall.appointments.lead-time:12h}") Duration lead) {
        this.appointments = appointments;
        this.needs = needs;
        this.history = history;
        this.service = service;
        this.clock = clock;
        this.lead = lead;
    }

    /** Starts matching now, or holds an appointment until its lead time (a history line says until when). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Need begin(Need need, String actor, String why) {
        Instant startAt = need.windowStart() == null ? null : need.windowStart().minus(lead);
        if (startAt == null || !startAt.isAfter(clock.instant())) {
            return service.startMatching(need, actor, why);
        }
        history.save(new NeedHistoryEntry(null, need.id(), clock.instant(), "MatchingScheduled", need.status(),
                need.status(), actor, "appointment at " + need.windowStart() + ": matching starts at " + startAt
                + ", " + lead.toHours() + " h before"));
        return need;
    }

    @Scheduled(fixedDelay = "${onecall.appointments.start-check:30s}",
            initialDelay = "${onecall.appointments.start-check:30s}")
    void startDue() {
        for (Need need : appointments.dueToMatch(clock.instant().plus(lead))) {
            try {
                start(need.id());
            } catch (Refusal e) {
                // cancelled or started by someone else meanwhile: nothing left to do for it
                LOG.debug("appointment need {} not started: {}", need.id(), e.getMessage());
            }
        }
    }

    @Transactional
    void start(long needId) {
        Need need = needs.findById(needId).orElseThrow();
        if (need.status() == NeedStatus.OPEN) {
            service.startMatching(need, "system", "appointment at " + need.windowStart() + ": " + lead.toHours()
                    + " h before, matching starts");
        }
    }
}
