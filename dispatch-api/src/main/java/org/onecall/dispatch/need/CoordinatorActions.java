package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.onecall.dispatch.audit.Audit;
import org.onecall.dispatch.department.Department;
import org.onecall.dispatch.department.Departments;
import org.onecall.dispatch.household.Households;
import org.onecall.dispatch.outbox.Outbox;
import org.onecall.dispatch.team.Team;
import org.onecall.dispatch.team.Teams;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.events.NeedEvents.OfferAccepted;
import org.onecall.kit.Refusal;
import org.onecall.kit.security.CurrentCaller;

/**
 * What a coordinator (or a leader at any rung of the ladder) does by hand to a need nobody took: offer or
 * assign it to a named volunteer, re-match it, broadcast it to a team, hand it to a department and record
 * the department's answer. Each through the lifecycle, audited, as the signed-in account.
 */
@Singleton
class CoordinatorActions {

    static final String AUDIT_ACTION = "NEED_BY_HAND";

    private final NeedService service;
    private final Lifecycle lifecycle;
    private final Ladder ladder;
    private final OfferRepository offers;
    private final Volunteers volunteers;
    private final Teams teams;
    private final Departments departments;
    private final Households households;
    private final Outbox outbox;
    private final Preferences preferences;
    private final Audit audit;
    private final CurrentCaller caller;
    private final Clock clock;

    CoordinatorActions(NeedService service, Lifecycle lifecycle, Ladder ladder, OfferRepository offers,
                       Volunteers volunteers, Teams teams, Departments departments, Households households,
                       Outbox outbox, Preferences preferences, Audit audit, CurrentCaller caller, Clock clock) {
        this.service = service;
        this.lifecycle = lifecycle;
        this.ladder = ladder;
        this.offers = offers;
        this.volunteers = volunteers;
        this.teams = teams;
        this.departments = departments;
        this.households = households;
        this.outbox = outbox;
        this.preferences = preferences;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    /**
     * {@code direct}: the volunteer agreed on the phone, so the need is theirs at once (recorded as such);
     * otherwise it is offered to them like a match, and they accept or decline on their page.
     */
    @Transactional
    Need assign(long needId, long volunteerId, boolean direct, @Nullable String note) {
        Need need = service.get(needId);
        Volunteer v = volunteerOf(need, volunteerId, "volunteerId");
        String actor = caller.username();
        String said = note == null || note.isBlank() ? "" : ": " + note.strip();
        if (!direct) {
            service.offerTo(need, List.of(v), actor, "offered by hand" + said);
            audit.record(actor, AUDIT_ACTION, "need:" + needId, "offered to volunteer " + volunteerId);
            return service.get(needId);
        }
        if (!volunteers.takeJob(volunteerId)) {
            throw Refusal.conflict("volunteer " + v.name() + " is off duty or already holds as many jobs as allowed");
        }
        service.withdrawPending(need, "assigned by hand to another volunteer");
        Need held = lifecycle.move(need, need.withStatus(NeedStatus.ASSIGNED).heldBy(volunteerId), "AssignedByHand",
                actor, "assigned directly to " + v.name() + " (" + volunteerId + "), who agreed on the phone" + said);
        var now = clock.instant();
        var h = households.get(need.householdId());
        Offer agreed = offers.save(new Offer(null, needId, volunteerId, need.matchAttempt(), OfferStatus.ACCEPTED,
                (int) Math.round(h.location().metresTo(v.home())), now, now, now, null));
        outbox.needEvent(need.communityId(), new OfferAccepted(agreed.id(), needId, volunteerId));
        audit.record(actor, AUDIT_ACTION, "need:" + needId, "assigned directly to volunteer " + volunteerId);
        return held;
    }

    /**
     * A new matching round. {@code avoid} are left out of it (they reach the matcher as excluded volunteers);
     * the preferred volunteer, kind and avoid list are stored as the need's preferences (contract C4), so
     * this round's MatchingStarted and every later one carry them, and are written into the history.
     */
    @Transactional
    Need rematch(long needId, ActionRequests.Rematch prefs) {
        Need need = service.get(needId);
        String actor = caller.username();
        List<Long> avoid = prefs.avoidVolunteerIds() == null ? List.of() : prefs.avoidVolunteerIds();
        List<String> said = new ArrayList<>();
        if (prefs.preferredVolunteerId() != null) {
            Volunteer preferred = volunteerOf(need, prefs.preferredVolunteerId(), "preferredVolunteerId");
            if (!preferred.active()) {
                throw Refusal.invalid("preferredVolunteerId", "volunteer " + preferred.id() + " is suspended");
            }
            said.add("prefer " + preferred.name());
        }
        for (int i = 0; i < avoid.size(); i++) {
            volunteerOf(need, avoid.get(i), "avoidVolunteerIds[" + i + "]");
            if (avoid.get(i).equals(prefs.preferredVolunteerId())) {
                throw Refusal.invalid("avoidVolunteerIds[" + i + "]", "is also the preferredVolunteerId");
            }
        }
        if (prefs.volunteerKind() != null) {
            said.add("kind " + prefs.volunteerKind());
        }
        if (!avoid.isEmpty()) {
            said.add("avoid " + avoid);
        }
        if (prefs.note() != null && !prefs.note().isBlank()) {
            said.add(prefs.note().strip());
        }
        preferences.restate(needId, prefs.preferredVolunteerId(),
                prefs.volunteerKind() == null ? null : prefs.volunteerKind().name(), avoid);
        if (need.status() == NeedStatus.OFFERED) {
            service.withdrawPending(need, "re-matched by a coordinator");
        }
        Need matching = service.startMatching(need, actor, "re-matched by hand" + (said.isEmpty() ? ""
                : ": " + String.join("; ", said)), avoid);
        audit.record(actor, AUDIT_ACTION, "need:" + needId, "re-matched");
        return matching;
    }

    /** Offers the need to every member of the team who can take a job now; the first to accept wins. */
    @Transactional
    Need broadcast(long needId, long teamId) {
        Need need = service.get(needId);
        Team team = teams.team(teamId);
        if (!team.communityId().equals(need.communityId())) {
            throw Refusal.invalid("teamId", "team " + team.name() + " is not in community " + need.communityId());
        }
        List<Long> pendingWith = offers.findByNeedIdOrderById(needId).stream()
                .filter(o -> o.status() == OfferStatus.PENDING).map(Offer::volunteerId).toList();
        List<Volunteer> available = volunteers.byIds(teams.memberIds(teamId)).stream()
                .filter(volunteers::canTakeJobNow).filter(v -> !pendingWith.contains(v.id())).toList();
        if (available.isEmpty()) {
            throw Refusal.conflict("nobody in team " + team.name() + " can take a job now (on duty, not on leave,"
                    + " within their hours and below their limit)");
        }
        String actor = caller.username();
        service.offerTo(need, available, actor, "broadcast to team " + team.name());
        audit.record(actor, AUDIT_ACTION, "need:" + needId, "broadcast to team " + teamId + " (" + available.size()
                + " volunteers)");
        return service.get(needId);
    }

    @Transactional
    Need toDepartment(long needId, long departmentId, String note) {
        Need need = service.get(needId);
        Department d = departments.servingOne(need.communityId(), departmentId);
        String actor = caller.username();
        if (need.status() == NeedStatus.OFFERED) {
            service.withdrawPending(need, "handed to a department");
            need = service.get(needId);
        }
        ladder.handToDepartment(need, d, note.strip(), actor);
        audit.record(actor, AUDIT_ACTION, "need:" + needId, "handed to department " + departmentId);
        return service.get(needId);
    }

    @Transactional
    Need departmentAnswer(long needId, String answer, boolean solved) {
        Need need = service.get(needId);
        String actor = caller.username();
        Need after = ladder.departmentAnswered(need, answer.strip(), solved, actor);
        audit.record(actor, AUDIT_ACTION, "need:" + needId, "department answered, solved " + solved);
        return after;
    }

    private Volunteer volunteerOf(Need need, long volunteerId, String field) {
        Volunteer v = volunteers.find(volunteerId)
                .orElseThrow(() -> Refusal.invalid(field, "volunteer " + volunteerId + " does not exist"));
        if (!v.communityId().equals(need.communityId())) {
            throw Refusal.invalid(field, "volunteer " + volunteerId + " is not in community " + need.communityId());
        }
        return v;
    }
}
