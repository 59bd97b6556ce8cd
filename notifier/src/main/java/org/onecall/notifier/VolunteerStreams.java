package org.onecall.notifier;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** Live SSE subscribers per volunteer. Delivery records are the durable part; this is only the push. */
@Singleton
class VolunteerStreams {

    private final Map<Long, Sinks.Many<Delivery>> sinks = new ConcurrentHashMap<>();

    Flux<Delivery> live(long volunteerId) {
        return sink(volunteerId).asFlux();
    }

    void push(long volunteerId, Delivery delivery) {
        Sinks.Many<Delivery> sink = sinks.get(volunteerId);
        if (sink != null) {
            sink.emitNext(delivery, Sinks.EmitFailureHandler.busyLooping(java.time.Duration.ofMillis(100)));
        }
    }

    private Sinks.Many<Delivery> sink(long volunteerId) {
        // a multicast sink without autoCancel stays usable when the last subscriber disconnects and another arrives
        return sinks.computeIfAbsent(volunteerId, id -> Sinks.many().multicast().onBackpressureBuffer(256, false));
    }
}
