package org.onecall.matcher.engine;

import java.util.List;
import java.util.Map;
import org.onecall.events.MatchEvents.Alternate;
import org.onecall.events.MatchEvents.ScorePart;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.matcher.index.ResourceIndex;

/** How needs are paired with the resource lists. */
public interface MatchingStrategy {

    /** Needs of one community that arrived together, decided jointly; the answer per need id, in their order. */
    Map<Long, Decision> decideAll(String communityId, List<MatchingStarted> requests, ResourceIndex index);

    default Decision decide(String communityId, MatchingStarted request, ResourceIndex index) {
        return decideAll(communityId, List.of(request), index).get(request.needId());
    }

    /** A proposal, or the business answer "nobody", with the reason: never an exception. */
    sealed interface Decision permits Proposal, Nobody {
    }

    /** {@code score} is the sum of the parts' costs (lower is better); alternates are next best, in order. */
    record Proposal(long volunteerId, Long merchantId, int distanceMeters, String rationale, double score,
                    List<ScorePart> parts, List<Alternate> alternates) implements Decision {
        public Proposal(long volunteerId, Long merchantId, int distanceMeters, String rationale) {
            this(volunteerId, merchantId, distanceMeters, rationale, distanceMeters, List.of(), List.of());
        }
    }

    /** {@code reasonZh}: the same reason in Chinese, for the coordinators who read it. */
    record Nobody(String reason, String reasonZh) implements Decision {
    }
}
