package org.onecall.notifier;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.Claims;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.onecall.kit.security.RevokedTokens;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

@Controller("/notify")
class StreamController {

    private final Deliveries deliveries;
    private final VolunteerStreams streams;
    private final SwitchedOffAccounts switchedOff;

    StreamController(Deliveries deliveries, VolunteerStreams streams, SwitchedOffAccounts switchedOff) {
        this.deliveries = deliveries;
        this.streams = streams;
        this.switchedOff = switchedOff;
    }

    /**
     * The volunteer's live feed: first what was already delivered (so nothing is missed between page
     * loads; each event's id is the event id, for de-duplication), then every new delivery, with a
     * comment every 20 s so proxies keep the connection open. It ends when the caller's account is
     * switched off: the token was checked when the stream opened, and the reconnect is refused.
     */
    @Get(value = "/volunteers/{volunteerId}/stream", produces = MediaType.TEXT_EVENT_STREAM)
    Flux<Event<String>> stream(@PathVariable long volunteerId, Authentication caller) {
        Flux<Delivery> live = streams.live(volunteerId);
        Flux<Delivery> recent = Flux.defer(() -> Flux.fromIterable(deliveries.recentFor(volunteerId).stream()
                        .sorted(Comparator.comparingLong(Delivery::id)).toList()))
                .subscribeOn(Schedulers.boundedElastic());
        Flux<Event<String>> heartbeat = Flux.interval(Duration.ofSeconds(20))
                .map(i -> Event.of("").comment("keep-alive"));
        return Flux.merge(recent.mergeWith(live).map(StreamController::event), heartbeat)
                .takeUntilOther(switchedOff.revocationOf(caller.getName(),
                        RevokedTokens.issuedAt(caller.getAttributes().get(Claims.ISSUED_AT))));
    }

    /** What was delivered to this volunteer, newest first. */
    @Get("/volunteers/{volunteerId}/deliveries")
    @ExecuteOn(TaskExecutors.BLOCKING)
    List<Delivery> deliveries(@PathVariable long volunteerId) {
        return deliveries.recentFor(volunteerId);
    }

    private static Event<String> event(Delivery d) {
        return Event.of(d.body()).id(d.eventId().toString()).name(d.kind());
    }
}
