package org.onecall.matcher;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.MalformedEventException;
import org.onecall.events.ServiceAccess;
import org.onecall.events.Topics;
import org.onecall.kit.DeadLetters;

/**
 * Thin: parse a poll's records and hand them to {@link Matching} as one batch. The batch window is
 * the consumer's fetch wait ({@code kafka.consumers.matcher.*} in application-matcher.yml): needs
 * arriving within it come in one poll and are assigned jointly. Offsets are committed only after
 * the whole batch is answered, so a matcher killed mid-batch leaves it to the next owner.
 */
@KafkaListener(groupId = ServiceAccess.GROUP_MATCHER, clientId = "matcher-needs", offsetReset = OffsetReset.EARLIEST,
        batch = true, offsetStrategy = OffsetStrategy.SYNC,
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
    void on(List<ConsumerRecord<String, String>> records) throws InterruptedException {
        List<EventEnvelope> batch = new ArrayList<>(records.size());
        Map<EventEnvelope, ConsumerRecord<String, String>> from = new IdentityHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                EventEnvelope envelope = EventJson.read(record.value());
                envelope.typedPayload();
                batch.add(envelope);
                from.put(envelope, record);
            } catch (MalformedEventException e) {
                deadLetters.park(record, CONSUMER, e.getMessage());
            }
        }
        Map<EventEnvelope, String> failed = matching.on(batch);
        if (!failed.isEmpty()) {
            // already tried jointly and alone: once more alone, then parked with the reason
            Map<EventEnvelope, String> again = matching.on(List.copyOf(failed.keySet()));
            again.forEach((envelope, reason) -> deadLetters.park(from.get(envelope), CONSUMER,
                    "failed after retries: " + reason));
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void handle(KafkaListenerException exception) {
        exception.getConsumerRecords().ifPresentOrElse(
                records -> records.forEach(r -> deadLetters.park((ConsumerRecord<String, String>) r, CONSUMER,
                        "failed after retries: " + (exception.getCause() == null ? exception : exception.getCause()))),
                () -> deadLetters.parkFailed(exception, CONSUMER));
    }
}
