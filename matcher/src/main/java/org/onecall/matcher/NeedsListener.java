package org.onecall.matcher;

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

/** Thin: parse and hand to {@link Matching}. */
@KafkaListener(groupId = ServiceAccess.GROUP_MATCHER, clientId = "matcher-needs", offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 5,
                retryDelay = "200ms"))
class NeedsListener implements KafkaListenerExceptionHandler {

    static final String CONSUMER = "matcher.needs";
    private final Matching matching;
    private final DeadLetters deadLetters;

    NeedsListener(Matching matching, DeadLetters deadLetters) {
        this.matching = matching;
        this.deadLetters = deadLetters;
    }

    @Topic(Topics.NEEDS)
    void on(ConsumerRecord<String, String> record) throws InterruptedException {
        try {
            matching.on(EventJson.read(record.value()));
        } catch (MalformedEventException e) {
            deadLetters.park(record, CONSUMER, e.getMessage());
        }
    }

    @Override
    public void handle(KafkaListenerException exception) {
        deadLetters.parkFailed(exception, CONSUMER);
    }
}
