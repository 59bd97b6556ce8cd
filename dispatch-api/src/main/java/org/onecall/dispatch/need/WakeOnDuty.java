package org.onecall.dispatch.need;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.VolunteerChanged;
import org.onecall.dispatch.volunteer.Volunteers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A volunteer who can take a job again (back on duty, reinstated, newly registered, leave taken off the
 * calendar, a job finished that had filled them up) is a new chance for the community's UNMATCHED needs:
 * each gets a new matching round. Only a change from "cannot" to "can" wakes them (taking a job while still
 * free for more does not), as this instance saw the volunteer last; one it has not seen yet counts as new.
 * After the volunteer's change commits, so a failure here never undoes it; a need someone changed
 * meanwhile is left alone by the lifecycle's compare-and-set. What changes with the clock alone (a leave
 * that ended, weekly hours that began) is looked at on the ladder's schedule, for the volunteers of
 * communities that have unmatched needs.
 */
@Singleton
class WakeOnDuty {

    private static final Logger LOG = LoggerFactory.getLogger(WakeOnDuty.class);
    private final NeedRepository needs;
    private final NeedService service;
    private final Volunteers volunteers;
    private final java.util.Map<Long, Boolean> couldTake = new java.util.concurrent.ConcurrentHashMap<>();

    WakeOnDuty(NeedRepository needs, NeedService service, Volunteers volunteers) {
        this.needs = needs;
        this.service = service;
        this.volunteers = volunteers;
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onVolunteer(VolunteerChanged changed) {
        seen(changed.volunteer(), true);
    }

    @Scheduled(fixedDelay = "${onecall.escalation.check:30s}", initialDelay = "${onecall.escalation.check:30s}")
    void onTheClock() {
        for (String community : needs.findCommunitiesWithUnmatched()) {
            // one this instance has not seen yet is only noted: after a restart that is everyone
            volunteers.inCommunity(community).forEach(v -> seen(v, false));
        }
    }

    private void seen(Volunteer v, boolean newIsChange) {
        boolean can = volunteers.canTakeJobNow(v);
        Boolean before = couldTake.put(v.id(), can);
        if (!can || Boolean.TRUE.equals(before) || (before == null && !newIsChange)) {
            return;
        }
        for (Need need : needs.findUnmatched(v.communityId())) {
            try {
                wake(need, v);
            } catch (RuntimeException e) {
                LOG.debug("need {} not woken: {}", need.id(), e.toString());
            }
        }
    }

    @Transactional
    void wake(Need need, Volunteer v) {
        service.startMatching(need, "system", "volunteer " + v.name() + " (" + v.id() + ") can take jobs again");
    }
}
