package org.onecall.matcher.engine;

import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.matcher.index.ResourceIndex;

/** How one need is paired with the resource lists. The matching-engine issue replaces the implementation. */
public interface MatchingStrategy {

    Decision decide(String communityId, MatchingStarted request, ResourceIndex index);

    /** A proposal, or the business answer "nobody", with the reason: never an exception. */
    sealed interface Decision permits Proposal, Nobody {
    }

    record Proposal(long volunteerId, Long merchantId, int distanceMeters, String rationale) implements Decision {
    }

    record Nobody(String reason) implements Decision {
    }
}
