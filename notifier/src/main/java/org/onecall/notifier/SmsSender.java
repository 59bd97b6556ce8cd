package org.onecall.notifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.onecall.events.EventJson;
import org.onecall.kit.sms.SmsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pending SMS deliveries through the provider: right after they are recorded, and again from
 * a timer for those that failed (backoff doubling from {@code onecall.notifier.sms.backoff}) or that
 * a restart interrupted. A delivery is claimed before each attempt, so two instances or a timer tick
 * never send it twice at once; after the last attempt it fails for good and falls back. An attempt
 * whose outcome is unknown (no answer, or a stop mid-send) is in doubt: the provider is asked
 * whether it has the message before it is ever sent again.
 */
@Singleton
class SmsSender {

    private static final Logger LOG = LoggerFactory.getLogger(SmsSender.class);
    /** How far our clock and the provider's may disagree about which of its days an attempt fell on. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);

    private final DeliveryRepository deliveries;
    private final SmsDeliveryRepository sms;
    private final SmsLog log;
    private final DispatchDirectory directory;
    @Nullable
    private final SmsProvider provider;
    private final Clock clock;
    private final QuietHours quiet;
    private final int maxAttempts;
    private final Duration backoff;
    /** Longer than one send or query with its time-outs; a claim older than this is an attempt a stop cut short. */
    private final Duration lease;
    /** How long after taking a message the provider may still not list it in QuerySendDetails. */
    private final Duration providerLag;
    private final ObjectMapper json = EventJson.MAPPER;

    SmsSender(DeliveryRepository deliveries, SmsDeliveryRepository sms, SmsLog log, DispatchDirectory directory,
              @Nullable SmsProvider provider, Clock clock, QuietHours quiet,
              @Value("${onecall.notifier.sms.max-attempts:4}") int maxAttempts,
              @Value("${onecall.notifier.sms.backoff:2s}") Duration backoff,
              @Value("${onecall.notifier.sms.lease:30s}") Duration lease,
              @Value("${onecall.notifier.sms.provider-lag:60s}") Duration providerLag) {
        this.deliveries = deliveries;
        this.sms = sms;
        this.log = log;
        this.directory = directory;
        this.provider = provider;
        this.clock = clock;
        this.quiet = quiet;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.lease = lease;
        this.providerLag = providerLag;
    }

    @Scheduled(fixedDelay = "${onecall.notifier.sms.retry-poll:1s}", initialDelay = "2s")
    void retryDue() {
        for (SmsDelivery due : sms.findDue(clock.instant())) {
            attempt(due.deliveryId());
        }
    }

    /** One attempt, if the delivery is still pending and due; never throws. */
    void attempt(long deliveryId) {
        Instant now = clock.instant();
        try {
            if (sms.claim(deliveryId, now, now.plus(lease)) == 0) {
                return;
            }
            SmsDelivery state = sms.findById(deliveryId).orElseThrow();
            Delivery delivery = deliveries.findById(deliveryId).orElseThrow();
            if (state.sendingSince() != null) {
                resolve(state, delivery);
            } else {
                send(state, delivery);
            }
        } catch (RuntimeException e) {
            LOG.warn("SMS delivery {} could not be attempted: {}", deliveryId, e.toString());
        }
    }

    private void send(SmsDelivery state, Delivery delivery) {
        Optional<Instant> quietUntil = state.urgent() ? Optional.empty() : quiet.until(clock.instant());
        if (quietUntil.isPresent()) {
            log.deferred(state, quietUntil.get());
            return;
        }
        if (provider == null) {
            fail(state, delivery, "no SMS provider is configured (onecall.sms.endpoint)");
            return;
        }
        String phone;
        SmsBody body;
        SmsDelivery sending;
        try {
            Optional<String> known = directory.phoneOf(delivery.recipient());
            if (known.isEmpty()) {
                log.failed(state, "no mobile number", null);
                fallBack(delivery, "no mobile number to text");
                return;
            }
            phone = known.get();
            body = json.readValue(delivery.body(), SmsBody.class);
            sending = log.sending(state);
        } catch (IOException | RuntimeException e) {
            fail(state, delivery, why(e));
            return;
        }
        SmsProvider.Sent sent;
        try {
            sent = provider.send(phone, body.template(), body.params(), outId(delivery.id()));
        } catch (RuntimeException e) {
            // no answer is not a refusal: the provider may have taken it, so it is asked before any resend
            log.inDoubt(sending, why(e), backoffAfter(sending.attempts() + 1));
            return;
        }
        if (sent.accepted()) {
            log.sent(sending, sent.bizId());
        } else {
            fail(sending, delivery, sent.code() + " " + sent.message());
        }
    }

    /**
     * The last attempt may have reached the provider (its answer was lost, or the notifier stopped
     * mid-send): the provider is asked for a message with our out-id on every day of its own the
     * attempt may have landed on. Found: recorded as the provider has it, not sent again. Not found:
     * sent again, safely. The question unanswered: asked again later, never sent blindly.
     */
    private void resolve(SmsDelivery state, Delivery delivery) {
        long id = delivery.id();
        SmsDelivery doubt = state;
        if (!state.inDoubt()) {
            Optional<SmsDelivery> lapsed = log.lapsed(id);
            if (lapsed.isEmpty()) {
                return;
            }
            doubt = lapsed.get();
        }
        Optional<SmsProvider.Detail> found;
        try {
            if (provider == null) {
                throw new IllegalStateException("no SMS provider is configured (onecall.sms.endpoint)");
            }
            String phone = directory.phoneOf(delivery.recipient())
                    .orElseThrow(() -> new IllegalStateException("no mobile number to ask about"));
            Instant began = doubt.sendingSince();
            found = provider.find(phone, outId(id), began.minus(CLOCK_MARGIN), began.plus(lease).plus(CLOCK_MARGIN));
        } catch (RuntimeException e) {
            doubtStays(doubt, delivery, why(e));
            return;
        }
        if (found.isPresent()) {
            log.foundAtProvider(id, found.get());
            return;
        }
        Instant listed = doubt.sendingSince().plus(providerLag);
        if (clock.instant().isBefore(listed)) {
            // too soon to trust "not there": the provider may not list what it took a moment ago yet
            log.askAgainAt(id, listed);
            return;
        }
        log.notAtProvider(id, outId(id)).ifPresent(cleared -> send(cleared, delivery));
    }

    /**
     * Past the attempts limit a delivery still in doubt is given up without a resend (it may have
     * arrived; a second copy is what this guards against) and falls back like a failed one, so the
     * person is still reached: a household by a call-back, a volunteer on their page.
     */
    private void doubtStays(SmsDelivery state, Delivery delivery, String why) {
        int attempt = state.attempts() + 1;
        if (attempt < maxAttempts) {
            log.queryFailed(state.deliveryId(), why, backoffAfter(attempt));
            return;
        }
        if (log.queryFailed(state.deliveryId(), why, null)) {
            fallBack(delivery, "SMS still in doubt after " + attempt + " attempts: the provider could not say whether"
                    + " it took the message, so it was not sent again");
        }
    }

    private void fail(SmsDelivery state, Delivery delivery, String why) {
        int attempt = state.attempts() + 1;
        if (attempt < maxAttempts) {
            log.failed(state, why, backoffAfter(attempt));
            return;
        }
        log.failed(state, why, null);
        fallBack(delivery, "SMS gave up after " + attempt + " attempts");
    }

    private Duration backoffAfter(int attempt) {
        return backoff.multipliedBy(1L << Math.min(attempt - 1, 10));
    }

    /** Our id of the message at the provider: echoed in receipts and what QuerySendDetails finds it by. */
    static String outId(long deliveryId) {
        return "d" + deliveryId;
    }

    private static String why(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * A household's notice becomes a call-back task for the operator; a volunteer's offer stays on
     * their page and lapses to the next volunteer if unanswered (dispatch-api's offer expiry).
     */
    private void fallBack(Delivery delivery, String why) {
        if (delivery.recipient().startsWith(Deliveries.HOUSEHOLD)) {
            try {
                SmsBody body = json.readValue(delivery.body(), SmsBody.class);
                long task = directory.callback(delivery.needId(), delivery.eventId().toString(), "SMS_FAILED",
                        body.params().getOrDefault("text", ""));
                log.fallback(delivery.id(), Deliveries.CALLBACK, why + "; call-back task " + task + " for the operator");
            } catch (IOException | RuntimeException e) {
                log.fallback(delivery.id(), Deliveries.CALLBACK, why + "; the call-back task could not be raised: " + e.getMessage());
            }
            return;
        }
        if (delivery.recipient().startsWith(Deliveries.STAFF)) {
            log.fallback(delivery.id(), Deliveries.SSE, why + "; the escalation stays on the staff notices");
            return;
        }
        log.fallback(delivery.id(), Deliveries.SSE, why + "; the offer stays on the volunteer's page and lapses to the"
                + " next volunteer if unanswered");
    }
}
