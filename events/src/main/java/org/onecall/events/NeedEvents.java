package org.onecall.events;

import java.time.Instant;
import java.util.List;

/** Facts about needs and offers. Only dispatch-api writes them (single writer). */
public final class NeedEvents {

    /**
     * An operator (or another system) recorded a resident's need.
     *
     * <p>Schema 1, extended compatibly: {@code sourceId}, {@code items}, {@code buysGoods},
     * {@code windowStart}/{@code windowEnd} (both null = as soon as possible) and {@code dueAt} were
     * added later. Older consumers ignore them; a message from an older producer reads with an empty
     * items list, {@code buysGoods} false and null for the rest.
     */
    public record NeedRaised(long needId, long householdId, String category, String urgency,
                             String description, String approximatePlace, Location location,
                             String takenBy, String source, String sourceId, List<NeedItem> items,
                             boolean buysGoods, Instant windowStart, Instant windowEnd,
                             Instant dueAt) implements EventPayload {
        public NeedRaised {
            items = items == null ? List.of() : List.copyOf(items);
        }

        /** The original shape, kept so producers written against it still compile. */
        public NeedRaised(long needId, long householdId, String category, String urgency, String description,
                          String approximatePlace, Location location, String takenBy, String source) {
            this(needId, householdId, category, urgency, description, approximatePlace, location, takenBy, source,
                    null, List.of(), false, null, null, null);
        }

        public String aggregateId() { return "need-" + needId; }
    }

    /**
     * The need is waiting for a proposal. {@code attempt} counts matching rounds so dispatch-api can
     * discard a proposal that answers an older round; {@code excludedVolunteerIds} are those who
     * already declined or let an offer expire.
     *
     * <p>Extended compatibly (older producers send none of these; they read as null or empty): the
     * appointment window ({@code windowStart}/{@code windowEnd}, both null = as soon as possible, and
     * availability is then judged at matching time), the need's preferences (contract C4:
     * {@code preferredVolunteerId}, {@code volunteerKind}, {@code avoidVolunteerIds}; a reopened need's
     * failed helper is in the avoid list), {@code pastVolunteerIds} (the household's earlier helpers it
     * did not complain about, for continuity), the household's {@code language}, whether goods are
     * bought, and {@code callId}: needs raised in one call share it, so one volunteer can do them all.
     */
    public record MatchingStarted(long needId, int attempt, String category, String urgency,
                                  Location location, List<Long> excludedVolunteerIds, Long householdId,
                                  Instant windowStart, Instant windowEnd, Long preferredVolunteerId,
                                  String volunteerKind, List<Long> avoidVolunteerIds, List<Long> pastVolunteerIds,
                                  String language, boolean buysGoods, String callId) implements EventPayload {
        public MatchingStarted {
            excludedVolunteerIds = excludedVolunteerIds == null ? List.of() : List.copyOf(excludedVolunteerIds);
            avoidVolunteerIds = avoidVolunteerIds == null ? List.of() : List.copyOf(avoidVolunteerIds);
            pastVolunteerIds = pastVolunteerIds == null ? List.of() : List.copyOf(pastVolunteerIds);
        }

        /** The original shape: as soon as possible, no preferences. */
        public MatchingStarted(long needId, int attempt, String category, String urgency, Location location,
                               List<Long> excludedVolunteerIds) {
            this(needId, attempt, category, urgency, location, excludedVolunteerIds, null, null, null, null, null,
                    null, null, null, false, null);
        }

        /** An appointment (预约) has a window; as soon as possible has none. */
        public boolean appointment() {
            return windowStart != null && windowEnd != null;
        }

        public String aggregateId() { return "need-" + needId; }
    }

    /**
     * Nobody could be found: the need waits in the coordinator queue. {@code reasonZh} is the reason in
     * Chinese (added later: null from an older producer, and when no Chinese was given).
     */
    public record NeedUnmatched(long needId, int attempt, String reason, String reasonZh) implements EventPayload {
        /** The original shape, kept so producers written against it still compile. */
        public NeedUnmatched(long needId, int attempt, String reason) {
            this(needId, attempt, reason, null);
        }

        public String aggregateId() { return "need-" + needId; }
    }

    /**
     * A volunteer was asked to take the need. Carries only what may be shown before accepting.
     * {@code windowStart}/{@code windowEnd} (added later, null for as soon as possible) are the
     * appointment the volunteer is asked to keep.
     */
    public record OfferMade(long offerId, long needId, long volunteerId, String category, String urgency,
                            String approximatePlace, int distanceMeters, Instant expiresAt, Instant windowStart,
                            Instant windowEnd) implements EventPayload {

        /** The shape before appointments. */
        public OfferMade(long offerId, long needId, long volunteerId, String category, String urgency,
                         String approximatePlace, int distanceMeters, Instant expiresAt) {
            this(offerId, needId, volunteerId, category, urgency, approximatePlace, distanceMeters, expiresAt, null,
                    null);
        }

        public String aggregateId() { return "need-" + needId; }
    }

    public record OfferAccepted(long offerId, long needId, long volunteerId) implements EventPayload {
        public String aggregateId() { return "need-" + needId; }
    }

    public record OfferDeclined(long offerId, long needId, long volunteerId, String reason) implements EventPayload {
        public String aggregateId() { return "need-" + needId; }
    }

    public record OfferExpired(long offerId, long needId, long volunteerId) implements EventPayload {
        public String aggregateId() { return "need-" + needId; }
    }

    public record VolunteerArrived(long needId, long volunteerId) implements EventPayload {
        public String aggregateId() { return "need-" + needId; }
    }

    public record NeedCompleted(long needId, long volunteerId, String summary) implements EventPayload {
        public String aggregateId() { return "need-" + needId; }
    }

    /** The resident's answer when the community called back (回访). */
    public record FeedbackReceived(long needId, int rating, boolean solved, String comment) implements EventPayload {
        public String aggregateId() { return "need-" + needId; }
    }

    public record NeedClosed(long needId, Integer rating) implements EventPayload {
        public String aggregateId() { return "need-" + needId; }
    }

    /** The resident said it was not solved; matching starts again. */
    public record NeedReopened(long needId, String reason) implements EventPayload {
        public String aggregateId() { return "need-" + needId; }
    }

    public record NeedCancelled(long needId, String reason, String by) implements EventPayload {
        public String aggregateId() { return "need-" + needId; }
    }

    /**
     * One step up the escalation ladder (吹哨报到): {@code level} is the rung now holding the need
     * (TEAM_LEADER, GRID_LEADER, COORDINATOR, STREET, DEPARTMENT), {@code to} who it went to in words (a
     * department's name at DEPARTMENT), {@code dueAt} when it climbs again unless someone acts (null at the
     * top). The people to tell are named (staff notices, contract C6): staff by account username, volunteers
     * (team and grid leaders) by id; how they are told is the notifier's business.
     *
     * <p>Schema 1, extended compatibly: {@code level}, {@code dueAt}, the recipients, {@code departmentId} and
     * the need's {@code urgency} (an escalation of an URGENT need is texted even in quiet hours) were added
     * later; a message from an older producer reads with empty recipient lists and nulls.
     */
    public record NeedEscalated(long needId, String to, String reason, String by, String level, Instant dueAt,
                                List<String> recipientUsernames, List<Long> recipientVolunteerIds,
                                Long departmentId, String urgency) implements EventPayload {
        public NeedEscalated {
            recipientUsernames = recipientUsernames == null ? List.of() : List.copyOf(recipientUsernames);
            recipientVolunteerIds = recipientVolunteerIds == null ? List.of() : List.copyOf(recipientVolunteerIds);
        }

        /** The original shape, kept so producers written against it still compile. */
        public NeedEscalated(long needId, String to, String reason, String by) {
            this(needId, to, reason, by, null, null, List.of(), List.of(), null, null);
        }

        public String aggregateId() { return "need-" + needId; }
    }

    /**
     * The resident was told who is coming, and it will not happen as told: {@code cause} GIVEN_BACK (the
     * volunteer gave the job back; matching starts again) or NOT_ARRIVED (the volunteer has not arrived by
     * {@code promisedBy}, the appointment window's end or the due time the resident was told, plus a grace;
     * null for a job given back when nothing was promised).
     * {@code volunteerId} is the volunteer the resident expected. {@code notifyUsernames} names the staff to
     * tell (contract C6; empty when only the household is told).
     */
    public record JobDelayed(long needId, long volunteerId, String cause, Instant promisedBy,
                             List<String> notifyUsernames) implements EventPayload {
        public static final String GIVEN_BACK = "GIVEN_BACK";
        public static final String NOT_ARRIVED = "NOT_ARRIVED";

        public JobDelayed {
            notifyUsernames = notifyUsernames == null ? List.of() : List.copyOf(notifyUsernames);
        }

        public String aggregateId() { return "need-" + needId; }
    }

    /**
     * A pending offer was taken back: another volunteer accepted first (several offers per need, first accept
     * wins), the need was assigned by hand or cancelled. The notifier tells the volunteer it is no longer theirs.
     */
    public record OfferWithdrawn(long offerId, long needId, long volunteerId, String reason) implements EventPayload {
        public String aggregateId() { return "need-" + needId; }
    }

    /**
     * A department the need was handed to answered: {@code solved} true moves the need to DONE (the
     * community still calls the resident back and closes it), false leaves it with the department.
     */
    public record DepartmentAnswered(long needId, long departmentId, String answer, boolean solved, String by)
            implements EventPayload {
        public String aggregateId() { return "need-" + needId; }
    }

    private NeedEvents() {
    }
}
