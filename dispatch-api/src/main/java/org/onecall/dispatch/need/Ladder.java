package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.onecall.dispatch.department.Department;
import org.onecall.dispatch.outbox.Outbox;
import org.onecall.events.NeedEvents.DepartmentAnswered;
import org.onecall.events.NeedEvents.NeedEscalated;
import org.onecall.kit.Refusal;

/**
 * The escalation ladder (吹哨报到): puts a need nobody takes on the ladder, climbs it when a rung's time is
 * up or its service target passes, and records the hand-over to a department and the department's answer.
 * Every step is a lifecycle move (to ESCALATED) or, while an offer is still pending, a lifecycle note; and a
 * {@link NeedEscalated} event naming who to tell.
 *
 * <p>A need gets on the ladder when it is unmatched, when {@code onecall.escalation.offer-expiries} of its
 * offers expired unanswered, or when {@code onecall.escalation.target-share} of its service target has
 * passed. It leaves it when someone holds it (or it is served or cancelled).
 */
@Singleton
class Ladder {

    /** Waiting for someone: these climb. A held need (ASSIGNED, ON_SITE) does not: someone is on it. */
    static final Set<NeedStatus> WAITING = EnumSet.of(NeedStatus.MATCHING, NeedStatus.OFFERED, NeedStatus.UNMATCHED,
            NeedStatus.ESCALATED, NeedStatus.REOPENED);
    static final String SYSTEM = "system";

    private final NeedRepository needs;
    private final Escalation.Repository rows;
    private final OfferRepository offers;
    private final Lifecycle lifecycle;
    private final LadderTimers timers;
    private final LadderRecipients recipients;
    private final Outbox outbox;
    private final Clock clock;

    Ladder(NeedRepository needs, Escalation.Repository rows, OfferRepository offers, Lifecycle lifecycle,
           LadderTimers timers, LadderRecipients recipients, Outbox outbox, Clock clock) {
        this.needs = needs;
        this.rows = rows;
        this.offers = offers;
        this.lifecycle = lifecycle;
        this.timers = timers;
        this.recipients = recipients;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Why a waiting need off the ladder should get on it now, if it should. */
    Optional<String> reasonToStart(Need need, Instant now) {
        if (!WAITING.contains(need.status())) {
            return Optional.empty();
        }
        if (need.status() == NeedStatus.UNMATCHED || need.status() == NeedStatus.ESCALATED) {
            return Optional.of("nobody could be found (" + need.status() + ")");
        }
        long expired = offers.countByNeedIdAndStatus(need.id(), OfferStatus.EXPIRED);
        if (expired >= timers.offerExpiries) {
            return Optional.of(expired + " offers expired unanswered");
        }
        if (need.dueAt() != null && need.dueAt().isAfter(need.createdAt())) {
            Duration target = Duration.between(need.createdAt(), need.dueAt());
            Instant mark = need.createdAt().plusMillis((long) (target.toMillis() * timers.targetShare));
            if (!now.isBefore(mark)) {
                return Optional.of(Math.round(timers.targetShare * 100) + "% of the service target has passed");
            }
        }
        return Optional.empty();
    }

    List<Need> offLadder() {
        return needs.findWaitingOffLadder();
    }

    List<Escalation> due() {
        return rows.findDue(clock.instant());
    }

    List<Escalation> newlyOverdue() {
        return rows.findNewlyOverdue(clock.instant());
    }

    List<Escalation> settled() {
        return rows.findSettled();
    }

    /** Puts the need on the first rung if it still has a reason to; returns whether it did. */
    @Transactional
    boolean start(long needId) {
        Need need = needs.findById(needId).orElseThrow();
        Optional<Escalation> row = rows.findById(needId);
        if (row.isPresent() && row.get().active()) {
            return false;
        }
        Optional<String> reason = reasonToStart(need, clock.instant());
        if (reason.isEmpty()) {
            return false;
        }
        climbTo(need, Rung.TEAM_LEADER, reason.get(), SYSTEM, null, false);
        return true;
    }

    /** Climbs one rung when the current rung's time is up; returns whether it did. */
    @Transactional
    boolean climbIfDue(long needId) {
        Escalation row = rows.findById(needId).orElseThrow();
        Need need = needs.findById(needId).orElseThrow();
        Instant now = clock.instant();
        if (!row.active() || row.levelDueAt() == null || row.levelDueAt().isAfter(now)) {
            return false;
        }
        if (!WAITING.contains(need.status())) {
            return settle(needId);
        }
        Rung next = row.level().next();
        if (next == null) {
            return false;
        }
        climbTo(need, next, "nobody acted at " + row.level().words() + " since " + row.levelSince(), SYSTEM, null,
                row.overdueFlagged());
        return true;
    }

    /** The service target passed: flag it once, and climb once (at the top, the flag alone is recorded). */
    @Transactional
    boolean flagOverdue(long needId) {
        Escalation row = rows.findById(needId).orElseThrow();
        Need need = needs.findById(needId).orElseThrow();
        if (!row.active() || row.overdueFlagged() || need.dueAt() == null || need.dueAt().isAfter(clock.instant())) {
            return false;
        }
        if (!WAITING.contains(need.status())) {
            return settle(needId);
        }
        String why = "the service target (" + need.dueAt() + ") has passed";
        Rung next = row.level().next();
        if (next != null) {
            climbTo(need, next, why, SYSTEM, row.departmentId(), true);
        } else {
            lifecycle.note(need, "NeedOverdue", SYSTEM, why);
            rows.update(withFlag(row));
        }
        return true;
    }

    /** Leaves the ladder quietly: the need is held, served or cancelled. */
    @Transactional
    boolean settle(long needId) {
        Escalation r = rows.findById(needId).orElseThrow();
        if (!r.active()) {
            return false;
        }
        rows.update(new Escalation(r.needId(), r.communityId(), r.level(), r.levelSince(), null, r.triggerReason(),
                r.recipients(), r.overdueFlagged(), false, r.departmentId(), r.departmentAnswer(),
                r.departmentAnsweredAt(), clock.instant()));
        return true;
    }

    /** A person hands the need to a department (吹哨报到): the top rung, until the department answers. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void handToDepartment(Need need, Department department, String note, String actor) {
        if (!WAITING.contains(need.status()) || need.status() == NeedStatus.REOPENED) {
            throw Refusal.conflict("need " + need.id() + " is " + need.status()
                    + "; only a need waiting for someone can be handed to a department");
        }
        climbTo(need, Rung.DEPARTMENT, "handed to " + department.name() + ": " + note, actor, department.id(),
                rows.findById(need.id()).map(Escalation::overdueFlagged).orElse(false));
    }

    /** The department's answer: solved moves the need to DONE for the community's call-back; else it stays. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Need departmentAnswered(Need need, String answer, boolean solved, String actor) {
        Escalation r = rows.findById(need.id()).filter(e -> e.active() && e.departmentId() != null)
                .orElseThrow(() -> Refusal.conflict("need " + need.id() + " is not with a department"));
        Instant now = clock.instant();
        Need after = solved
                ? lifecycle.move(need, need.withStatus(NeedStatus.DONE), "DepartmentAnswered", actor,
                "solved: " + answer)
                : lifecycle.note(need, "DepartmentAnswered", actor, "not solved yet: " + answer);
        rows.update(new Escalation(r.needId(), r.communityId(), r.level(), r.levelSince(), r.levelDueAt(),
                r.triggerReason(), r.recipients(), r.overdueFlagged(), !solved, r.departmentId(), answer, now, now));
        outbox.needEvent(need.communityId(), new DepartmentAnswered(need.id(), r.departmentId(), answer, solved,
                actor));
        return after;
    }

    Optional<Escalation> of(long needId) {
        return rows.findById(needId);
    }

    private void climbTo(Need need, Rung rung, String reason, String actor, @Nullable Long departmentId,
                         boolean overdue) {
        Instant now = clock.instant();
        var told = recipients.at(need, rung);
        var t = timers.of(need.communityId(), need.category(), need.urgency());
        Instant due = rung.timed() ? now.plus(t.at(rung)) : null;
        String detail = rung.words() + ": " + reason + "; tell " + String.join("、", told.names())
                + (due == null ? "" : "; climbs at " + due + " (" + t.origin() + " timers)");
        if (need.status() == NeedStatus.OFFERED || need.status() == NeedStatus.REOPENED) {
            // an offer is still out: the ladder tells people, the volunteer may still accept
            lifecycle.note(need, "NeedEscalated", actor, detail);
        } else {
            lifecycle.move(need, need.withStatus(NeedStatus.ESCALATED), "NeedEscalated", actor, detail);
        }
        Optional<Escalation> before = rows.findById(need.id());
        Escalation row = new Escalation(need.id(), need.communityId(), rung, now, due,
                before.filter(Escalation::active).map(Escalation::triggerReason).orElse(reason),
                Escalation.recipients(told.usernames(), told.volunteerIds()), overdue, true, departmentId,
                null, null, now);
        if (before.isPresent()) {
            rows.update(row);
        } else {
            rows.save(row);
        }
        outbox.needEvent(need.communityId(), new NeedEscalated(need.id(),
                departmentId != null && rung == Rung.DEPARTMENT ? reason : rung.words(), reason, actor, rung.name(),
                due, told.usernames(), told.volunteerIds(), departmentId, need.urgency().name()));
    }

    private Escalation withFlag(Escalation r) {
        return new Escalation(r.needId(), r.communityId(), r.level(), r.levelSince(), r.levelDueAt(),
                r.triggerReason(), r.recipients(), true, r.active(), r.departmentId(), r.departmentAnswer(),
                r.departmentAnsweredAt(), clock.instant());
    }
}
