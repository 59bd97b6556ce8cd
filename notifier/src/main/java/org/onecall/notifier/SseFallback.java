package org.onecall.notifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.onecall.events.EventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An offer pushed to a volunteer's page must be acknowledged by the page within
 * {@code onecall.notifier.sse-ack-timeout}; one that is not (the page was closed, the phone asleep)
 * goes again by SMS, once. Offers older than the horizon are left alone (they have lapsed anyway).
 */
@Singleton
class SseFallback {

    private static final Logger LOG = LoggerFactory.getLogger(SseFallback.class);
    private static final Duration HORIZON = Duration.ofMinutes(30);

    private final DeliveryRepository deliveries;
    private final Deliveries recorder;
    private final SmsSender sender;
    private final SmsLog log;
    private final AckRepository acks;
    private final Clock clock;
    private final Duration timeout;
    private final ObjectMapper json = EventJson.MAPPER;

    SseFallback(DeliveryRepository deliveries, Deliveries recorder, SmsSender sender, SmsLog log, AckRepository acks,
                Clock clock, @Value("${onecall.notifier.sse-ack-timeout:60s}") Duration timeout) {
        this.deliveries = deliveries;
        this.recorder = recorder;
        this.sender = sender;
        this.log = log;
        this.acks = acks;
        this.clock = clock;
        this.timeout = timeout;
    }

    @MappedEntity("sse_ack")
    record Ack(@Id long deliveryId, Instant ackedAt) {
    }

    @Repository("notifier")
    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface AckRepository extends CrudRepository<Ack, Long> {
    }

    /** The volunteer's page showed this offer; answers whether there was such a delivery. */
    @Transactional("notifier")
    boolean ack(long volunteerId, UUID eventId) {
        var delivery = deliveries.findByEventIdAndChannelAndRecipient(eventId, Deliveries.SSE,
                Deliveries.recipient(volunteerId));
        delivery.filter(d -> !acks.existsById(d.id())).ifPresent(d -> acks.save(new Ack(d.id(), clock.instant())));
        return delivery.isPresent();
    }

    @Scheduled(fixedDelay = "${onecall.notifier.sse-ack-poll:2s}", initialDelay = "5s")
    void sendUnacknowledged() {
        Instant now = clock.instant();
        for (Delivery d : deliveries.findUnacknowledgedOffers(now.minus(timeout), now.minus(HORIZON))) {
            try {
                VolunteerMessage m = json.readValue(d.body(), VolunteerMessage.class);
                long volunteerId = Long.parseLong(d.recipient().substring(Deliveries.VOLUNTEER.length()));
                recorder.offerBySms(d.eventId(), volunteerId, m).ifPresent(sms -> {
                    log.fallback(d.id(), Deliveries.SMS, "not acknowledged on the page within " + timeout + ": sent by SMS");
                    sender.attempt(sms.id());
                });
            } catch (IOException | RuntimeException e) {
                LOG.warn("offer {} could not fall back to SMS: {}", d.id(), e.toString());
            }
        }
    }
}
