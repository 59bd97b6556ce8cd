package org.onecall.dispatch.need;

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
 * meanwhile is left alone by the lifecycle's compare-and-set.
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
        Volunteer v = changed.volunteer();
        boolean can = volunteers.canTakeJobNow(v);
        Boolean before = couldTake.put(v.id(), can);
        if (!can || Boolean.TRUE.equals(before)) {
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
