package org.onecall.dispatch.desk;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.sse.Event;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.onecall.dispatch.need.NeedMoved;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The operators' open desks on this instance, and what is pushed to them: a screen-pop when a call
 * comes in, a status line when a need of their community moves. Only the push lives here; what
 * happened is in the database (incoming_call, need_history), so a desk that reconnects reloads.
 *
 * <p>Who gets a screen-pop: the desks signed in at the extension that rang, when the phone system
 * names one and such a desk is open; otherwise every open desk of the community, since any operator
 * on duty may pick the call up and the first to open the card takes it.
 */
@Singleton
class DeskFeed {

    /** A screen-pop: the caller's number as the phone system sent it and the households it matched. */
    @Introspected
    record CallPop(long callId, String callerNumber, @Nullable String extension, List<Long> householdIds) {
    }

    /** A need of the desk's community changed state. */
    @Introspected
    record NeedLine(long needId, String status) {
    }

    private record Desk(String community, @Nullable String extension, Sinks.Many<Event<?>> sink) {
    }

    private final Set<Desk> desks = ConcurrentHashMap.newKeySet();

    Flux<Event<?>> open(String community, @Nullable String extension) {
        Sinks.Many<Event<?>> sink = Sinks.many().unicast().onBackpressureBuffer();
        Desk desk = new Desk(community, extension == null || extension.isBlank() ? null : extension, sink);
        desks.add(desk);
        Flux<Event<?>> heartbeat = Flux.interval(Duration.ofSeconds(20)).map(i -> Event.of("").comment("keep-alive"));
        // the first line tells the page the desk is listening (tests and the page's "live" badge wait for it)
        return Flux.<Event<?>>just(Event.of("open").name("open"))
                .concatWith(Flux.merge(sink.asFlux(), heartbeat))
                .doFinally(signal -> desks.remove(desk));
    }

    /** Pushes the pop to the desks that should see it; returns how many. */
    int pop(String community, CallPop pop) {
        List<Desk> ofCommunity = desks.stream().filter(d -> d.community().equals(community)).toList();
        List<Desk> atExtension = pop.extension() == null ? List.of()
                : ofCommunity.stream().filter(d -> pop.extension().equals(d.extension())).toList();
        List<Desk> told = atExtension.isEmpty() ? ofCommunity : atExtension;
        told.forEach(d -> emit(d, Event.of(pop).name("call").id("call-" + pop.callId())));
        return told.size();
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void on(NeedMoved moved) {
        NeedLine line = new NeedLine(moved.needId(), moved.status().name());
        desks.stream().filter(d -> d.community().equals(moved.communityId()))
                .forEach(d -> emit(d, Event.of(line).name("need")));
    }

    private static void emit(Desk desk, Event<?> event) {
        desk.sink().emitNext(event, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
    }
}
