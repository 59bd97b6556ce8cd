package org.onecall.dispatch.need;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An offer nobody answers must not hold the need: expire it and start the next round. */
@Singleton
class OfferExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(OfferExpiry.class);
    private final NeedService service;

    OfferExpiry(NeedService service) {
        this.service = service;
    }

    @Scheduled(fixedDelay = "${onecall.offers.expiry-check:5s}", initialDelay = "${onecall.offers.expiry-check:5s}")
    void expireDue() {
        for (Offer offer : service.dueOffers()) {
            try {
                service.expire(offer);
            } catch (RuntimeException e) {
                LOG.warn("could not expire offer {}: {}", offer.id(), e.toString());
            }
        }
    }
}
