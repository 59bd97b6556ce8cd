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

/** Thin: parse, hand to {@link MatchOutcomes}. Unparseable or unhandleable records go to the dead-letter topic. */
@KafkaListener(groupId = ServiceAccess.GROUP_DISPATCH_MATCHES, clientId = "dispatch-api-matches", offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 5,
                retryDelay = "200ms"))
class MatchListener implements KafkaListenerExceptionHandler {

    private final MatchOutcomes outcomes;
    private final DeadLetters deadLetters;

    MatchListener(MatchOutcomes outcomes, DeadLetters deadLetters) {
        this.outcomes = outcomes;
        this.deadLetters = deadLetters;
    }

    @Topic(Topics.MATCHES)
    void on(ConsumerRecord<String, String> record) {
        try {
            outcomes.apply(EventJson.read(record.value()));
        } catch (MalformedEventException e) {
            deadLetters.park(record, MatchOutcomes.CONSUMER, e.getMessage());
        }
    }

    /** Reached once retries are exhausted: park the record with the reason instead of dropping it. */
    @Override
    public void handle(KafkaListenerException exception) {
        deadLetters.parkFailed(exception, MatchOutcomes.CONSUMER);
    }
}
