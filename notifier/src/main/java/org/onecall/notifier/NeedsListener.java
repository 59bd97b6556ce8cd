package org.onecall.notifier;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.MalformedEventException;
import org.onecall.events.ServiceAccess;
import org.onecall.events.Topics;
import org.onecall.kit.DeadLetters;

/** Thin: parse, record the deliveries (committed), then push or send them. */
@KafkaListener(groupId = ServiceAccess.GROUP_NOTIFIER, clientId = "notifier-needs", offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 5,
                retryDelay = "200ms"))
class NeedsListener implements KafkaListenerExceptionHandler {

    static final String CONSUMER = "notifier.needs";
    private final Deliveries deliveries;
    private final VolunteerStreams streams;
    private final SmsSender sms;
    private final ResidentTelling residents;
    private final StaffNotices staff;
    private final DeadLetters deadLetters;
    private final NeedCommunities needs;

    NeedsListener(Deliveries deliveries, VolunteerStreams streams, SmsSender sms, ResidentTelling residents,
                  StaffNotices staff, DeadLetters deadLetters, NeedCommunities needs) {
        this.needs = needs;
        this.deliveries = deliveries;
        this.residents = residents;
        this.staff = staff;
        this.streams = streams;
        this.sms = sms;
        this.deadLetters = deadLetters;
    }

    @Topic(Topics.NEEDS)
    void on(ConsumerRecord<String, String> record) {
        try {
            EventEnvelope envelope = EventJson.read(record.value());
            needs.seen(envelope);
            residents.on(envelope);
            staff.on(envelope);
            for (Deliveries.Recorded r : deliveries.record(envelope)) {
                if (r.delivery().channel().equals(Deliveries.SMS)) {
                    sms.attempt(r.delivery().id());
                } else {
                    streams.push(r.volunteerId(), r.delivery());
                }
            }
        } catch (MalformedEventException e) {
            deadLetters.park(record, CONSUMER, e.getMessage());
        }
    }

    @Override
    public void handle(KafkaListenerException exception) {
        deadLetters.parkFailed(exception, CONSUMER);
    }
}
