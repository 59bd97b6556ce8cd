package org.onecall.notifier;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.onecall.kit.sms.SmsProvider;

/** Each change of an SMS delivery's state together with its line in the delivery log, in one transaction. */
@Singleton
class SmsLog {

    static final String IN_DOUBT = "IN_DOUBT";
    static final String FOUND_AT_PROVIDER = "FOUND_AT_PROVIDER";
    static final String NOT_AT_PROVIDER = "NOT_AT_PROVIDER";
    static final String QUERY_FAILED = "QUERY_FAILED";

    private final SmsDeliveryRepository sms;
    private final DeliveryAttemptRepository attempts;
    private final Clock clock;

    SmsLog(SmsDeliveryRepository sms, DeliveryAttemptRepository attempts, Clock clock) {
        this.sms = sms;
        this.attempts = attempts;
        this.clock = clock;
    }

    /**
     * The provider took it. Should the attempt have been settled meanwhile (its claim lapsed and the
     * provider was asked, or a receipt came), only the line is added.
     */
    @Transactional("notifier")
    void sent(SmsDelivery d, String providerId) {
        Instant now = clock.instant();
        if (!stillOurs(d)) {
            attempts.save(new DeliveryAttempt(null, d.deliveryId(), Deliveries.SMS, now, "SENT", providerId,
                    "the provider's answer came after this attempt had been settled"));
            return;
        }
        sms.update(new SmsDelivery(d.deliveryId(), SmsDelivery.SENT, d.attempts() + 1, null, providerId, d.segments(), d.urgent(), now));
        attempts.save(new DeliveryAttempt(null, d.deliveryId(), Deliveries.SMS, now, "SENT", providerId,
                d.segments() + " segment(s)"));
    }

    /** A failed attempt: tried again after {@code retryAfter}, or, with none, given up for good. */
    @Transactional("notifier")
    void failed(SmsDelivery d, String why, @Nullable Duration retryAfter) {
        if (!stillOurs(d)) {
            return;
        }
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

    /**
     * Just before the provider is called: should the notifier stop before the answer is recorded, the
     * next claim finds {@code sendingSince} set and asks the provider before sending again.
     */
    @Transactional("notifier")
    SmsDelivery sending(SmsDelivery d) {
        Instant now = clock.instant();
        return sms.update(new SmsDelivery(d.deliveryId(), d.status(), d.attempts(), d.nextAttemptAt(), d.providerId(),
                d.segments(), d.urgent(), now, now, false));
    }

    /** The provider's answer was lost (a time-out, a reset): it may have taken the message; asked after {@code askAfter}. */
    @Transactional("notifier")
    void inDoubt(SmsDelivery d, String why, Duration askAfter) {
        if (!stillOurs(d)) {
            return;
        }
        Instant now = clock.instant();
        sms.update(new SmsDelivery(d.deliveryId(), SmsDelivery.PENDING, d.attempts() + 1, now.plus(askAfter),
                d.providerId(), d.segments(), d.urgent(), now, d.sendingSince(), true));
        attempts.save(new DeliveryAttempt(null, d.deliveryId(), Deliveries.SMS, now, IN_DOUBT, null,
                shorten("no answer from the provider (" + why + "): it may have taken the message; asking it"
                        + " (QuerySendDetails) before any resend")));
    }

    /**
     * The claim of an attempt lapsed with nothing recorded: the notifier stopped while the provider
     * had it (or the send outlasted the lease). Empty when a receipt settled it meanwhile.
     */
    @Transactional("notifier")
    Optional<SmsDelivery> lapsed(long deliveryId) {
        return sms.lock(deliveryId).filter(d -> d.status().equals(SmsDelivery.PENDING) && d.sendingSince() != null)
                .map(d -> {
                    Instant now = clock.instant();
                    attempts.save(new DeliveryAttempt(null, deliveryId, Deliveries.SMS, now, IN_DOUBT, null,
                            "the attempt begun at " + d.sendingSince() + " ended without a recorded answer (the notifier"
                                    + " stopped, or the send outlasted its claim): asking the provider (QuerySendDetails) before any resend"));
                    return sms.update(new SmsDelivery(deliveryId, d.status(), d.attempts(), d.nextAttemptAt(),
                            d.providerId(), d.segments(), d.urgent(), now, d.sendingSince(), true));
                });
    }

    /**
     * The provider has the message: recorded by where it stands there, and never sent again. False
     * when a receipt settled the delivery first.
     */
    @Transactional("notifier")
    boolean foundAtProvider(long deliveryId, SmsProvider.Detail found) {
        Optional<SmsDelivery> locked = sms.lock(deliveryId).filter(d -> d.status().equals(SmsDelivery.PENDING)
                && d.sendingSince() != null);
        if (locked.isEmpty()) {
            return false;
        }
        SmsDelivery d = locked.get();
        String status = switch (found.sendStatus()) {
            case SmsProvider.Detail.DELIVERED -> SmsDelivery.DELIVERED;
            case SmsProvider.Detail.FAILED -> SmsDelivery.FAILED;
            default -> SmsDelivery.SENT;
        };
        Instant now = clock.instant();
        sms.update(new SmsDelivery(deliveryId, status, d.attempts(), null, d.providerId(), d.segments(), d.urgent(), now));
        attempts.save(new DeliveryAttempt(null, deliveryId, Deliveries.SMS, now, FOUND_AT_PROVIDER, d.providerId(),
                shorten("found at the provider, not sent again: sent " + found.sendDate() + " (provider time), SendStatus "
                        + found.sendStatus() + (found.errCode().isBlank() ? "" : " " + found.errCode()))));
        return true;
    }

    /** Still in doubt, to be asked about again at {@code at} (an answer that cannot be trusted yet). */
    @Transactional("notifier")
    void askAgainAt(long deliveryId, Instant at) {
        sms.lock(deliveryId).filter(d -> d.status().equals(SmsDelivery.PENDING)).ifPresent(d ->
                sms.update(new SmsDelivery(deliveryId, d.status(), d.attempts(), at, d.providerId(), d.segments(),
                        d.urgent(), clock.instant(), d.sendingSince(), d.inDoubt())));
    }

    /** The provider never took the in-doubt attempt: sending again is safe. Empty when a receipt settled it first. */
    @Transactional("notifier")
    Optional<SmsDelivery> notAtProvider(long deliveryId, String outId) {
        Optional<SmsDelivery> locked = sms.lock(deliveryId).filter(d -> d.status().equals(SmsDelivery.PENDING)
                && d.sendingSince() != null);
        return locked.map(d -> {
            Instant now = clock.instant();
            attempts.save(new DeliveryAttempt(null, deliveryId, Deliveries.SMS, now, NOT_AT_PROVIDER, null,
                    "the provider has no message " + outId + " for this number: the in-doubt attempt never reached it;"
                            + " sending again"));
            return sms.update(new SmsDelivery(deliveryId, d.status(), d.attempts(), d.nextAttemptAt(), d.providerId(),
                    d.segments(), d.urgent(), now));
        });
    }

    /**
     * The provider could not be asked: still in doubt, asked again after {@code askAfter}; with none,
     * given up (FAILED, still marked in doubt) and never sent again. False when a receipt settled it first.
     */
    @Transactional("notifier")
    boolean queryFailed(long deliveryId, String why, @Nullable Duration askAfter) {
        Optional<SmsDelivery> locked = sms.lock(deliveryId).filter(d -> d.status().equals(SmsDelivery.PENDING));
        if (locked.isEmpty()) {
            return false;
        }
        SmsDelivery d = locked.get();
        Instant now = clock.instant();
        boolean retry = askAfter != null;
        sms.update(new SmsDelivery(deliveryId, retry ? SmsDelivery.PENDING : SmsDelivery.FAILED, d.attempts() + 1,
                retry ? now.plus(askAfter) : null, d.providerId(), d.segments(), d.urgent(), now, d.sendingSince(), true));
        attempts.save(new DeliveryAttempt(null, deliveryId, Deliveries.SMS, now, retry ? QUERY_FAILED : "FAILED", null,
                shorten("still in doubt: the provider could not be asked whether it took the message (" + why + ")"
                        + (retry ? "; asking again in " + askAfter : "; given up, not sent again"))));
        return true;
    }

    enum Receipt { RECORDED, NOT_SENT_YET, UNKNOWN }

    /**
     * The provider's receipt (found by our out-id, "d" + delivery id): DELIVERED, or FAILED with the
     * carrier's code. Once per delivery; a receipt that overtakes the answer to the send itself is
     * {@link Receipt#NOT_SENT_YET}, to be pushed again by the provider, so the log keeps its order.
     * A receipt for an attempt in doubt settles it: the provider had taken the message.
     */
    @Transactional("notifier")
    Receipt receipt(String outId, String providerId, boolean success, String code, String message) {
        Optional<SmsDelivery> found = outId.matches("d[0-9]{1,18}") ? sms.lock(Long.parseLong(outId.substring(1)))
                : sms.findByProviderId(providerId).flatMap(d -> sms.lock(d.deliveryId()));
        if (found.isEmpty()) {
            return Receipt.UNKNOWN;
        }
        SmsDelivery d = found.get();
        Instant now = clock.instant();
        boolean settlesDoubt = d.inDoubt(now) || d.status().equals(SmsDelivery.FAILED) && d.inDoubt();
        if (d.status().equals(SmsDelivery.PENDING) && !settlesDoubt) {
            return Receipt.NOT_SENT_YET;
        }
        if (!d.status().equals(SmsDelivery.SENT) && !settlesDoubt) {
            return Receipt.RECORDED;
        }
        // QuerySendDetails does not tell the provider's id: a delivery found there learns it from its receipt
        String id = d.providerId() != null ? d.providerId() : providerId;
        sms.update(new SmsDelivery(d.deliveryId(), success ? SmsDelivery.DELIVERED : SmsDelivery.FAILED, d.attempts(),
                null, id, d.segments(), d.urgent(), now));
        attempts.save(new DeliveryAttempt(null, d.deliveryId(), Deliveries.SMS, now,
                success ? "RECEIPT_DELIVERED" : "RECEIPT_FAILED", providerId, shorten(code + " " + message
                        + (settlesDoubt ? " (settles the attempt in doubt: the provider had taken it, not sent again)" : ""))));
        return Receipt.RECORDED;
    }

    /**
     * Whether the attempt {@code d} stands for may still record its outcome: the delivery is pending
     * and carries this attempt's mark. A claim that lapsed mid-send lets another attempt settle it
     * (a slow provider, a pause); the late one must not undo that.
     */
    private boolean stillOurs(SmsDelivery d) {
        return sms.lock(d.deliveryId()).filter(row -> row.status().equals(SmsDelivery.PENDING)
                && sameMark(row.sendingSince(), d.sendingSince())).isPresent();
    }

    private static boolean sameMark(@Nullable Instant a, @Nullable Instant b) {
        // the database keeps microseconds at most
        return a == null || b == null ? a == b : a.truncatedTo(ChronoUnit.MILLIS).equals(b.truncatedTo(ChronoUnit.MILLIS));
    }

    private static String shorten(String s) {
        return s == null ? null : s.length() > 500 ? s.substring(0, 500) : s;
    }
}
