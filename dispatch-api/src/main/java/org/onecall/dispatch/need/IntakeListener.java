package org.onecall.dispatch.need;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.onecall.events.EventJson;
import org.onecall.events.MalformedEventException;
import org.onecall.events.ServiceAccess;
import org.onecall.events.Topics;
import org.onecall.kit.DeadLetters;

/**
 * Thin: parse, hand to {@link Intake}, park what it rejects on the dead-letter topic with the field
 * and the reason. Errors (the database away) are retried, then parked too: never dropped.
 */
@KafkaListener(groupId = ServiceAccess.GROUP_DISPATCH_INTAKE, clientId = "dispatch-api-intake", offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 5,
                retryDelay = "200ms"))
class IntakeListener implements KafkaListenerExceptionHandler {

    private final Intake intake;
    private final DeadLetters deadLetters;

    IntakeListener(Intake intake, DeadLetters deadLetters) {
        this.intake = intake;
        this.deadLetters = deadLetters;
    }

    @Topic(Topics.INTAKE)
    void on(ConsumerRecord<String, String> record) {
        Intake.Result result;
        try {
            result = intake.receive(EventJson.read(record.value()));
        } catch (MalformedEventException e) {
            deadLetters.park(record, Intake.CONSUMER, e.getMessage());
            return;
        }
        if (result instanceof Intake.Rejected rejected) {
            deadLetters.park(record, Intake.CONSUMER, rejected.toString());
        }
    }

    @Override
    public void handle(KafkaListenerException exception) {
        deadLetters.parkFailed(exception, Intake.CONSUMER);
    }
}
