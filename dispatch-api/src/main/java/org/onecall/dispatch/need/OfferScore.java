package org.onecall.dispatch.need;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** Why the offer's volunteer was proposed: the matcher's score and its parts as JSON ({@code ScorePart}s). */
@MappedEntity("offer_score")
record OfferScore(@Id long offerId, double score, String parts) {
}
