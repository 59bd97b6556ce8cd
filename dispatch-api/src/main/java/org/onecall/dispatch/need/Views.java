package org.onecall.dispatch.need;

import java.time.Instant;
import org.onecall.events.Category;

/** What callers get back. */
final class Views {

    /** An offer as the volunteer sees it before accepting: category, approximate place, time; no room, no phone. */
    record OfferView(long offerId, long needId, OfferStatus status, String category, String categoryZh,
                     Urgency urgency, String approximatePlace, int distanceMeters, Instant createdAt,
                     Instant expiresAt) {
    }

    /** The job as the volunteer holding it sees it: now with the full address and phone. */
    record JobView(long needId, NeedStatus status, String category, String categoryZh, String description,
                   String residentName, String phone, String address) {
    }

    static String zh(String category) {
        try {
            return Category.valueOf(category).zh();
        } catch (IllegalArgumentException e) {
            return category;
        }
    }

    private Views() {
    }
}
