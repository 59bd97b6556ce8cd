package org.onecall.events;

/**
 * A fact that happened. Each record's simple name is its {@code type} on the wire, so renaming one
 * is a contract change (bump {@link EventEnvelope#schemaVersion()} and keep the old name readable).
 */
public sealed interface EventPayload permits
        NeedEvents.NeedRaised, NeedEvents.MatchingStarted, NeedEvents.NeedUnmatched,
        NeedEvents.OfferMade, NeedEvents.OfferAccepted, NeedEvents.OfferDeclined, NeedEvents.OfferExpired,
        NeedEvents.OfferWithdrawn, NeedEvents.DepartmentAnswered, NeedEvents.JobDelayed,
        NeedEvents.VolunteerArrived, NeedEvents.NeedCompleted, NeedEvents.FeedbackReceived,
        NeedEvents.NeedClosed, NeedEvents.NeedReopened, NeedEvents.NeedCancelled, NeedEvents.NeedEscalated,
        MatchEvents.MatchProposed, MatchEvents.MatchNotFound,
        ResourceEvents.VolunteerStateChanged, ResourceEvents.MerchantStateChanged,
        IntakeEvents.WorkOrderReceived,
        WishEvents.WishPublished, WishEvents.WishClaimed, WishEvents.WishFulfilled,
        AccountEvents.AccountAccessChanged,
        LoopEvents.ComplaintOpened, LoopEvents.ComplaintResolved, LoopEvents.PairingVisitMissed {

    /** The id of the thing this fact is about (need, volunteer, merchant, account, complaint, pairing). */
    String aggregateId();
}
