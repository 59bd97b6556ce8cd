package org.onecall.notifier;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventPayload;
import org.onecall.events.NeedEvents;

/**
 * Tells the household when someone is assigned, when the job is cancelled or delayed (the volunteer gave it
 * back, or has not arrived by what the household was told), and asks it for a
 * rating once the job is done (the reply comes back as an SMS reply). dispatch-api writes
 * the words and says how (it knows the names, the times and whether there is a mobile to text);
 * this records the notice once per event and sends it, or records the call-back task raised instead.
 */
@Singleton
class ResidentTelling {

    private final Deliveries deliveries;
    private final DispatchDirectory directory;
    private final SmsSender sender;
    private final boolean enabled;

    ResidentTelling(Deliveries deliveries, DispatchDirectory directory, SmsSender sender,
                    @Value("${onecall.notifier.resident-notices:true}") boolean enabled) {
        this.deliveries = deliveries;
        this.directory = directory;
        this.sender = sender;
        this.enabled = enabled;
    }

    /** Throws when dispatch-api cannot be asked: the listener retries, then parks the event as a dead letter. */
    void on(EventEnvelope envelope) {
        EventPayload p = envelope.typedPayload();
        if (!enabled) {
            return;
        }
        long needId;
        String about;
        Long expected = null;
        if (p instanceof NeedEvents.OfferAccepted a) {
            needId = a.needId();
            about = "ASSIGNED";
        } else if (p instanceof NeedEvents.NeedCancelled c) {
            needId = c.needId();
            about = "CANCELLED";
        } else if (p instanceof NeedEvents.JobDelayed d) {
            needId = d.needId();
            about = d.cause();
            expected = d.volunteerId();
        } else if (p instanceof NeedEvents.NeedCompleted c) {
            needId = c.needId();
            about = "RATING";
        } else {
            return;
        }
        if (deliveries.residentTold(envelope.eventId())) {
            return;
        }
        DispatchDirectory.ResidentNotice notice = directory.residentNotice(needId, about, envelope.eventId().toString(),
                expected);
        deliveries.resident(envelope.eventId(), envelope.type(), needId, notice.householdId(), notice.text(),
                        notice.sms() ? null : notice.callbackId())
                .filter(d -> d.channel().equals(Deliveries.SMS))
                .ifPresent(d -> sender.attempt(d.id()));
    }
}
