package org.onecall.notifier;

import java.time.Instant;

/**
 * What a volunteer's device is told. {@code kind} is the event type (OfferMade, OfferAccepted...);
 * {@code text} is a ready-to-show zh-CN line, {@code textEn} its English.
 */
public record VolunteerMessage(String eventId, String kind, long needId, Long offerId, String category,
                               String approximatePlace, Integer distanceMeters, Instant expiresAt,
                               String text, String textEn) {
}
