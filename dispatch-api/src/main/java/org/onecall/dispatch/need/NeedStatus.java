package org.onecall.dispatch.need;

import java.util.EnumSet;
import java.util.Set;

/** The need lifecycle of ARCHITECTURE.md. {@link Lifecycle} is the one place that applies it. */
public enum NeedStatus {
    OPEN, MATCHING, OFFERED, ASSIGNED, ON_SITE, DONE, CLOSED, UNMATCHED, ESCALATED, CANCELLED, REOPENED;

    private Set<NeedStatus> next;

    static {
        OPEN.next = EnumSet.of(MATCHING, CANCELLED);
        // MATCHING -> MATCHING: a new round after a stale proposal; -> ASSIGNED: a coordinator assigned it
        // directly (the volunteer agreed on the phone); -> ESCALATED: it climbed the ladder
        MATCHING.next = EnumSet.of(MATCHING, OFFERED, ASSIGNED, UNMATCHED, ESCALATED, CANCELLED);
        OFFERED.next = EnumSet.of(ASSIGNED, MATCHING, CANCELLED);
        // ASSIGNED -> MATCHING: the volunteer gives the job back (ill, held up) and it is matched again
        ASSIGNED.next = EnumSet.of(ON_SITE, MATCHING, CANCELLED);
        ON_SITE.next = EnumSet.of(DONE);
        DONE.next = EnumSet.of(CLOSED, REOPENED);
        REOPENED.next = EnumSet.of(MATCHING, CANCELLED);
        // a coordinator's hands: re-match, offer or assign by hand
        UNMATCHED.next = EnumSet.of(MATCHING, OFFERED, ASSIGNED, ESCALATED, CANCELLED);
        // ESCALATED -> ESCALATED: the next rung of the ladder. People at every rung act through the same
        // moves as from UNMATCHED; DONE when a department solved it: the community still calls the
        // resident back and closes it (回访, through feedback)
        ESCALATED.next = EnumSet.of(ESCALATED, MATCHING, OFFERED, ASSIGNED, DONE, CLOSED, CANCELLED);
        CLOSED.next = EnumSet.noneOf(NeedStatus.class);
        CANCELLED.next = EnumSet.noneOf(NeedStatus.class);
    }

    public boolean canMoveTo(NeedStatus to) {
        return next.contains(to);
    }

    public boolean isFinal() {
        return next.isEmpty();
    }
}
