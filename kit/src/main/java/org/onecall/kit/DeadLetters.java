package org.onecall.kit;

import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.onecall.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Parks a record nobody can handle on the dead-letter topic, with the reason, so nothing is dropped silently. */
@Singleton
public class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaSender producer;

    DeadLetters(KafkaSender producer) {
        this.producer = producer;
    }

    /** Blocks until the broker has it: the caller commits the source offset right after. */
    public void park(ConsumerRecord<String, String> source, String consumer, String reason) {
        String origin = consumer + "@" + source.topic() + "/" + source.partition() + "/" + source.offset();
        LOG.warn("dead-lettering {}: {}", origin, reason);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.DEAD_LETTER, source.key(), source.value());
        record.headers().add(Topics.HEADER_DLQ_REASON, truncate(reason).getBytes(StandardCharsets.UTF_8));
        record.headers().add(Topics.HEADER_DLQ_SOURCE, origin.getBytes(StandardCharsets.UTF_8));
        producer.sendAndWait(record);
    }

    /** For a listener's exception handler: the record its retries could not handle, with the cause. */
    public void parkFailed(KafkaListenerException exception, String consumer) {
        exception.getConsumerRecord().ifPresent(r -> {
            @SuppressWarnings("unchecked")
            ConsumerRecord<String, String> record = (ConsumerRecord<String, String>) r;
            Throwable cause = exception.getCause() == null ? exception : exception.getCause();
            park(record, consumer, "failed after retries: " + cause);
        });
    }

    private static String truncate(String reason) {
        String r = reason == null ? "unknown" : reason;
        return r.length() > 2000 ? r.substring(0, 2000) : r;
    }
}
