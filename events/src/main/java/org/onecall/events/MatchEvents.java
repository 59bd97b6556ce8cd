package org.onecall.events;

import java.util.List;

/** The matcher's answers. The matcher only proposes; dispatch-api decides. */
public final class MatchEvents {

    /**
     * Who should take the need in matching round {@code attempt}. {@code merchantId} may be null.
     *
     * <p>Extended compatibly: {@code score} (lower is better; the sum of the parts' costs) and
     * {@code parts}, why this volunteer, as codes and numbers a page renders in its own language; and
     * {@code alternates}, the next-best candidates in order (ranked for urgent needs, which may be offered
     * to several at once: contract C3). An older message reads with no parts and no alternates.
     */
    public record MatchProposed(long needId, int attempt, long volunteerId, Long merchantId,
                                int distanceMeters, String rationale, Double score, List<ScorePart> parts,
                                List<Alternate> alternates) implements EventPayload {
        public MatchProposed {
            parts = parts == null ? List.of() : List.copyOf(parts);
            alternates = alternates == null ? List.of() : List.copyOf(alternates);
        }

        /** The shape before scores. */
        public MatchProposed(long needId, int attempt, long volunteerId, Long merchantId, int distanceMeters,
                             String rationale) {
            this(needId, attempt, volunteerId, merchantId, distanceMeters, rationale, null, null, null);
        }

        public String aggregateId() { return "need-" + needId; }
    }

    /**
     * One reason in a score. {@code code} names the rule (see {@link ScoreCodes}), {@code value} its
     * measure (metres, jobs, stars...), {@code detail} a word when the rule has one (the shared language,
     * the kind), {@code cost} what it added to the score (negative: a bonus).
     */
    public record ScorePart(String code, double value, String detail, double cost) {
    }

    /** A next-best candidate: who, how far, at what score, and why. */
    public record Alternate(long volunteerId, int distanceMeters, double score, List<ScorePart> parts) {
        public Alternate {
            parts = parts == null ? List.of() : List.copyOf(parts);
        }
    }

    /** The codes a {@link ScorePart} may carry; pages translate them. */
    public static final class ScoreCodes {
        /** Walking distance in metres: volunteer to home, or volunteer to merchant to home when goods are bought. */
        public static final String WALK = "WALK";
        /** Metres beyond the 15-minute circle (a soft limit: costs more, does not exclude). */
        public static final String BEYOND_CIRCLE = "BEYOND_CIRCLE";
        /** Jobs accepted in the last seven days (fairness). */
        public static final String JOBS_THIS_WEEK = "JOBS_THIS_WEEK";
        /** Jobs held right now. */
        public static final String ACTIVE_JOBS = "ACTIVE_JOBS";
        /** Helped this household before without a complaint. */
        public static final String HELPED_BEFORE = "HELPED_BEFORE";
        /** The volunteer the need names. */
        public static final String PREFERRED = "PREFERRED";
        /** Already proposed for another need of the same call. */
        public static final String SAME_CALL = "SAME_CALL";
        /** Speaks the household's language or dialect ({@code detail}). */
        public static final String LANGUAGE = "LANGUAGE";
        /** Of the kind the need asks for ({@code detail}). */
        public static final String KIND = "KIND";
        /** Mean rating from residents, 1 to 5. */
        public static final String RATING = "RATING";

        private ScoreCodes() {
        }
    }

    /**
     * Nobody fits; {@code reason} says why in words a coordinator can act on, {@code reasonZh} the same in
     * Chinese for the people who read it (added later: null from an older matcher).
     */
    public record MatchNotFound(long needId, int attempt, String reason, String reasonZh) implements EventPayload {
        /** The original shape, kept so producers written against it still compile. */
        public MatchNotFound(long needId, int attempt, String reason) {
            this(needId, attempt, reason, null);
        }

        public String aggregateId() { return "need-" + needId; }
    }

    private MatchEvents() {
    }
}
