package org.onecall.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.onecall.events.Category;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.EventPayload;
import org.onecall.events.NeedEvents;

/**
 * Decides who hears about an event and records the delivery, once per event, channel and person
 * (the unique key makes a redelivered event a no-op in the same transaction).
 */
@Singleton
class Deliveries {

    static final String SSE = "SSE";

    private final DeliveryRepository deliveries;
    private final Clock clock;
    private final ObjectMapper json = EventJson.MAPPER;

    Deliveries(DeliveryRepository deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** Records the delivery for this event if it has a volunteer audience; empty when none or already done. */
    @Transactional("notifier")
    Optional<Recorded> record(EventEnvelope envelope) {
        EventPayload p = envelope.typedPayload();
        VolunteerMessage message;
        long volunteerId;
        if (p instanceof NeedEvents.OfferMade o) {
            volunteerId = o.volunteerId();
            String zh = category(o.category()).map(Category::zh).orElse(o.category());
            message = new VolunteerMessage(envelope.eventId().toString(), envelope.type(), o.needId(), o.offerId(),
                    o.category(), o.approximatePlace(), o.distanceMeters(), o.expiresAt(),
                    "新任务：" + zh + "，" + o.approximatePlace() + "，距您约 " + o.distanceMeters() + " 米。"
                            + appointment(o, true) + "请接单或婉拒。",
                    "New request: " + category(o.category()).map(Category::en).orElse(o.category()) + " at "
                            + o.approximatePlace() + ", about " + o.distanceMeters() + " m away. "
                            + appointment(o, false) + "Accept or decline.");
        } else if (p instanceof NeedEvents.NeedCancelled c) {
            // only the holder or offeree cares; the event does not say who, so the page re-reads its offers
            return Optional.empty();
        } else {
            return Optional.empty();
        }
        String recipient = "volunteer-" + volunteerId;
        if (deliveries.existsByEventIdAndChannelAndRecipient(envelope.eventId(), SSE, recipient)) {
            return Optional.empty();
        }
        Delivery saved = deliveries.save(new Delivery(null, envelope.eventId(), SSE, recipient, envelope.type(),
                message.needId(), write(message), clock.instant()));
        return Optional.of(new Recorded(volunteerId, saved));
    }

    /** "预约 12月8日 19:00–20:00。" for an appointment, in the communities' time zone; empty as soon as possible. */
    static String appointment(NeedEvents.OfferMade o, boolean zh) {
        if (o.windowStart() == null || o.windowEnd() == null) {
            return "";
        }
        var zone = java.time.ZoneId.of(org.onecall.events.ResourceEvents.DEFAULT_TIME_ZONE);
        var start = o.windowStart().atZone(zone);
        var end = o.windowEnd().atZone(zone);
        var time = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        return zh ? "预约 " + start.getMonthValue() + "月" + start.getDayOfMonth() + "日 " + time.format(start) + "–"
                + time.format(end) + "。"
                : "Appointment " + start.toLocalDate() + " " + time.format(start) + "–" + time.format(end) + ". ";
    }

    List<Delivery> recentFor(long volunteerId) {
        return deliveries.findTop50ByRecipientOrderByIdDesc("volunteer-" + volunteerId);
    }

    record Recorded(long volunteerId, Delivery delivery) {
    }

    private String write(VolunteerMessage m) {
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Category> category(String name) {
        try {
            return Optional.of(Category.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
