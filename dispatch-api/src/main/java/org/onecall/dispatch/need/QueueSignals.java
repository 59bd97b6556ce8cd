package org.onecall.dispatch.need;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.MalformedEventException;
import org.onecall.events.Topics;
import org.onecall.kit.KafkaClients;
import org.onecall.kit.TopicFollower;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * What makes the coordinator's queue live: every instance follows the needs topic (without a group, like
 * the service circle follows the resources topic), so a change written by any instance, by the ladder's
 * job or by a volunteer on another instance reaches every open queue page. Each need event becomes a
 * "need N of community C changed" signal; the page then reads the queue again through the API, with its
 * own session and scope, so the stream itself carries nothing a person may not see.
 */
@Singleton
class QueueSignals {

    private final KafkaClients kafka;
    private final Map<String, Sinks.Many<Long>> sinks = new ConcurrentHashMap<>();
    private TopicFollower follower;

    QueueSignals(KafkaClients kafka) {
        this.kafka = kafka;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        // the wall clock, not the application's Clock: Kafka stamps records with the producers' wall clocks
        follower = new TopicFollower(kafka.properties(), Topics.NEEDS, "dispatch-queue-stream", Instant.now(),
                this::onRecords).start();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        if (follower != null) {
            follower.close();
        }
    }

    /** The ids of the community's needs as they change. */
    Flux<Long> changes(String communityId) {
        return sinks.computeIfAbsent(communityId, c -> Sinks.many().multicast().onBackpressureBuffer(256, false))
                .asFlux();
    }

    private void onRecords(List<ConsumerRecord<String, String>> records) {
        for (ConsumerRecord<String, String> r : records) {
            Sinks.Many<Long> sink = sinks.get(r.key());
            if (sink == null) {
                continue;
            }
            try {
                EventEnvelope e = EventJson.read(r.value());
                if (e.aggregateId() != null && e.aggregateId().startsWith("need-")) {
                    sink.emitNext(Long.valueOf(e.aggregateId().substring(5)),
                            Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
                }
            } catch (MalformedEventException | NumberFormatException e) {
                // not ours to judge: the needs topic's consumers park what they cannot read
            }
        }
    }
}
