package org.onecall.events;

/** The matcher's answers. The matcher only proposes; dispatch-api decides. */
public final class MatchEvents {

    /** Who should take the need in matching round {@code attempt}. {@code merchantId} may be null. */
    public record MatchProposed(long needId, int attempt, long volunteerId, Long merchantId,
                                int distanceMeters, String rationale) implements EventPayload {
        public String aggregateId() { return "need-" + needId; }
    }

    /** Nobody fits; {@code reason} says why in words a coordinator can act on. */
    public record MatchNotFound(long needId, int attempt, String reason) implements EventPayload {
        public String aggregateId() { return "need-" + needId; }
    }

    private MatchEvents() {
    }
}
