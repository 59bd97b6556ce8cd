package org.onecall.notifier;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Each change of an SMS delivery's state together with its line in the delivery log, in one transaction. */
@Singleton
class SmsLog {

    private final SmsDeliveryRepository sms;
    private final DeliveryAttemptRepository attempts;
    private final Clock clock;

    SmsLog(SmsDeliveryRepository sms, DeliveryAttemptRepository attempts, Clock clock) {
        this.sms = sms;
        this.attempts = attempts;
        this.clock = clock;
    }

    @Transactional("notifier")
    void sent(SmsDelivery d, String providerId) {
        Instant now = clock.instant();
        sms.update(new SmsDelivery(d.deliveryId(), SmsDelivery.SENT, d.attempts() + 1, null, providerId, d.segments(), d.urgent(), now));
        attempts.save(new DeliveryAttempt(null, d.deliveryId(), Deliveries.SMS, now, "SENT", providerId,
                d.segments() + " segment(s)"));
    }

    /** A failed attempt: tried again after {@code retryAfter}, or, with none, given up for good. */
    @Transactional("notifier")
    void failed(SmsDelivery d, String why, @Nullable Duration retryAfter) {
        Instant now = clock.instant();
        boolean retry = retryAfter != null;
        sms.update(new SmsDelivery(d.deliveryId(), retry ? SmsDelivery.PENDING : SmsDelivery.FAILED, d.attempts() + 1,
                retry ? now.plus(retryAfter) : null, d.providerId(), d.segments(), d.urgent(), now));
        attempts.save(new DeliveryAttempt(null, d.deliveryId(), Deliveries.SMS, now, retry ? "RETRY" : "FAILED", null,
                shorten(why)));
    }

    /** Not sent in quiet hours: tried again when they end. */
    @Transactional("notifier")
    void deferred(SmsDelivery d, Instant until) {
        Instant now = clock.instant();
        sms.update(new SmsDelivery(d.deliveryId(), SmsDelivery.PENDING, d.attempts(), until, d.providerId(), d.segments(),
                d.urgent(), now));
        attempts.save(new DeliveryAttempt(null, d.deliveryId(), Deliveries.SMS, now, "DEFERRED", null,
                "quiet hours until " + until));
    }

    @Transactional("notifier")
    void fallback(long deliveryId, String channel, String what) {
        attempts.save(new DeliveryAttempt(null, deliveryId, channel, clock.instant(), "FALLBACK", null, shorten(what)));
    }

    enum Receipt { RECORDED, NOT_SENT_YET, UNKNOWN }

    /**
     * The provider's receipt (found by our out-id, "d" + delivery id): DELIVERED, or FAILED with the
     * carrier's code. Once per delivery; a receipt that overtakes the answer to the send itself is
     * {@link Receipt#NOT_SENT_YET}, to be pushed again by the provider, so the log keeps its order.
     */
    @Transactional("notifier")
    Receipt receipt(String outId, String providerId, boolean success, String code, String message) {
        Optional<SmsDelivery> found = outId.matches("d[0-9]{1,18}") ? sms.findById(Long.parseLong(outId.substring(1)))
                : sms.findByProviderId(providerId);
        if (found.isEmpty()) {
            return Receipt.UNKNOWN;
        }
        SmsDelivery d = found.get();
        if (d.status().equals(SmsDelivery.PENDING)) {
            return Receipt.NOT_SENT_YET;
        }
        if (!d.status().equals(SmsDelivery.SENT)) {
            return Receipt.RECORDED;
        }
        Instant now = clock.instant();
        sms.update(new SmsDelivery(d.deliveryId(), success ? SmsDelivery.DELIVERED : SmsDelivery.FAILED, d.attempts(),
                null, d.providerId(), d.segments(), d.urgent(), now));
        attempts.save(new DeliveryAttempt(null, d.deliveryId(), Deliveries.SMS, now,
                success ? "RECEIPT_DELIVERED" : "RECEIPT_FAILED", providerId, shorten(code + " " + message)));
        return Receipt.RECORDED;
    }

    private static String shorten(String s) {
        return s == null ? null : s.length() > 500 ? s.substring(0, 500) : s;
    }
}
