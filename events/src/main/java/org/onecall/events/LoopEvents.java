package org.onecall.events;

import java.time.Instant;
import java.util.List;

/**
 * Closing the loop (闭环): complaints from the call-back and one-to-one pairing (一帮一) visits. Written
 * by dispatch-api through its outbox to {@link Topics#NEEDS}, keyed by community. Staff to tell are
 * named by their account usernames ({@code notifyUsernames}) or volunteer ids, as every staff notice is (C6).
 */
public final class LoopEvents {

    /**
     * A resident's call-back answer was a complaint (投诉): a rating of 1 or 2, or "not solved".
     *
     * @param volunteerId the volunteer who did the job complained about (null when nobody held it); the
     *                    reopened need is not offered to them again
     * @param about       what the resident said, or the rating when they said nothing more
     * @param recordedBy  the signed-in account that took the answer down
     * @param notifyUsernames      usernames of the coordinators and grid leaders serving the household
     */
    public record ComplaintOpened(long complaintId, long needId, long householdId, Long volunteerId,
                                  int rating, boolean solved, String about, String recordedBy,
                                  List<String> notifyUsernames) implements EventPayload {
        public ComplaintOpened {
            notifyUsernames = notifyUsernames == null ? List.of() : List.copyOf(notifyUsernames);
        }

        public String aggregateId() { return "complaint-" + complaintId; }
    }

    /** The community office closed a complaint, saying what was done about it. */
    public record ComplaintResolved(long complaintId, long needId, String resolution, String resolvedBy)
            implements EventPayload {
        public String aggregateId() { return "complaint-" + complaintId; }
    }

    /**
     * A one-to-one pairing visit was not recorded by the end of its window.
     *
     * @param missedInARow            1 for the first miss since the last recorded visit, 2 for the second...
     * @param notifyVolunteerIds      leaders to tell, by volunteer id: the paired volunteer's team leader,
     *                                and from the second miss in a row also the household's grid leader
     * @param notifyUsernames                  usernames of the grid leader's and coordinators' accounts (second miss)
     */
    public record PairingVisitMissed(long pairingId, long visitId, long householdId, long volunteerId,
                                     Instant windowStart, Instant windowEnd, int missedInARow,
                                     List<Long> notifyVolunteerIds, List<String> notifyUsernames) implements EventPayload {
        public PairingVisitMissed {
            notifyVolunteerIds = notifyVolunteerIds == null ? List.of() : List.copyOf(notifyVolunteerIds);
            notifyUsernames = notifyUsernames == null ? List.of() : List.copyOf(notifyUsernames);
        }

        public String aggregateId() { return "pairing-" + pairingId; }
    }

    private LoopEvents() {
    }
}
