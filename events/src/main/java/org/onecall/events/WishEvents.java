package org.onecall.events;

/**
 * The projects list (项目清单) and micro-wishes (微心愿): a coordinator publishes a wish for a resident
 * or a recurring project with a partner unit; a unit or volunteer claims it (认领) once; fulfilment is
 * recorded. Written by dispatch-api through its outbox to {@link Topics#NEEDS}, keyed by community.
 */
public final class WishEvents {

    /**
     * @param kind        {@code WISH} (householdId set) or {@code PROJECT} (partner and schedule set)
     * @param householdId the resident's household for a wish; null for a project
     * @param schedule    free text for a project, e.g. "每周二义诊"; null for a wish
     * @param agreementId the co-building agreement (共建协议) a project carries out, if any; null for a wish
     */
    public record WishPublished(long wishId, String kind, Long householdId, String title, String description,
                                String partner, String schedule, String publishedBy, Long agreementId)
            implements EventPayload {
        public String aggregateId() { return "wish-" + wishId; }
    }

    /** @param claimantKind {@code UNIT} or {@code VOLUNTEER}; {@code volunteerId} set for a volunteer */
    public record WishClaimed(long wishId, String claimantKind, String claimant, Long volunteerId)
            implements EventPayload {
        public String aggregateId() { return "wish-" + wishId; }
    }

    public record WishFulfilled(long wishId, String fulfilledBy, String note) implements EventPayload {
        public String aggregateId() { return "wish-" + wishId; }
    }

    private WishEvents() {
    }
}
