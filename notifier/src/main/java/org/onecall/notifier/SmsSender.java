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
 * never send it twice at once; after the last attempt it fails for good and falls back.
 */
@Singleton
class SmsSender {

    private static final Logger LOG = LoggerFactory.getLogger(SmsSender.class);
    /** Long enough for one send with its time-out; a claim older than this is an attempt a crash cut short. */
    private static final Duration LEASE = Duration.ofSeconds(30);

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
    private final ObjectMapper json = EventJson.MAPPER;

    SmsSender(DeliveryRepository deliveries, SmsDeliveryRepository sms, SmsLog log, DispatchDirectory directory,
              @Nullable SmsProvider provider, Clock clock, QuietHours quiet,
              @Value("${onecall.notifier.sms.max-attempts:4}") int maxAttempts,
              @Value("${onecall.notifier.sms.backoff:2s}") Duration backoff) {
        this.deliveries = deliveries;
        this.sms = sms;
        this.log = log;
        this.directory = directory;
        this.provider = provider;
        this.clock = clock;
        this.quiet = quiet;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
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
            if (sms.claim(deliveryId, now, now.plus(LEASE)) == 0) {
                return;
            }
            SmsDelivery state = sms.findById(deliveryId).orElseThrow();
            Delivery delivery = deliveries.findById(deliveryId).orElseThrow();
            send(state, delivery);
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
        Optional<String> phone;
        SmsProvider.Sent sent;
        try {
            phone = directory.phoneOf(delivery.recipient());
            if (phone.isEmpty()) {
                log.failed(state, "no mobile number", null);
                fallBack(delivery, "no mobile number to text");
                return;
            }
            SmsBody body = json.readValue(delivery.body(), SmsBody.class);
            sent = provider.send(phone.get(), body.template(), body.params(), "d" + delivery.id());
        } catch (IOException | RuntimeException e) {
            fail(state, delivery, e.getMessage());
            return;
        }
        if (sent.accepted()) {
            log.sent(state, sent.bizId());
        } else {
            fail(state, delivery, sent.code() + " " + sent.message());
        }
    }

    private void fail(SmsDelivery state, Delivery delivery, String why) {
        int attempt = state.attempts() + 1;
        if (attempt < maxAttempts) {
            log.failed(state, why, backoff.multipliedBy(1L << Math.min(attempt - 1, 10)));
            return;
        }
        log.failed(state, why, null);
        fallBack(delivery, "SMS gave up after " + attempt + " attempts");
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
