package org.onecall.notifier;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.onecall.events.EventEnvelope;

/**
 * Remembers each need's community from the first of its events seen, so that its delivery log can
 * be shown to the staff who serve it. One row per need (not per delivery): every way a delivery is
 * made (an offer, an SMS answer, a resident's notice) then needs no community of its own.
 */
@Singleton
class NeedCommunities {

    private final NeedCommunityRepository rows;

    NeedCommunities(NeedCommunityRepository rows) {
        this.rows = rows;
    }

    /** Any event whose payload names a need. */
    void seen(EventEnvelope envelope) {
        var needId = envelope.payload().path("needId");
        if (needId.canConvertToLong() && needId.asLong() > 0) {
            rows.remember(needId.asLong(), envelope.communityId());
        }
    }

    Optional<String> of(long needId) {
        return rows.findById(needId).map(NeedCommunity::communityId);
    }
}
