package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.validation.Validated;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;

/** The coordinator's queue page: the queue, its live stream and the map of the scope. */
@Controller("/api/communities/{communityId}/queue")
@Validated
class QueueController {

    /** A stream ends after this long and the page's EventSource reconnects: the session and scope are checked again. */
    static final Duration STREAM_LIFE = Duration.ofMinutes(10);

    private final CoordinatorQueue queue;
    private final QueueSignals signals;

    QueueController(CoordinatorQueue queue, QueueSignals signals) {
        this.queue = queue;
        this.signals = signals;
    }

    /** Filters: grid (code), category, status (may repeat), urgency. */
    @Get("{?grid,category,status*,urgency}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    CoordinatorQueue.Queue queue(@PathVariable String communityId, @Nullable @QueryValue @Size(max = 64) String grid,
                                 @Nullable @QueryValue @Size(max = 32) String category,
                                 @Nullable @QueryValue List<NeedStatus> status, @Nullable @QueryValue Urgency urgency) {
        return queue.of(communityId, new CoordinatorQueue.Filter(grid, category, status, urgency));
    }

    @Get("/map")
    @ExecuteOn(TaskExecutors.BLOCKING)
    CoordinatorQueue.ScopeMap map(@PathVariable String communityId) {
        return queue.map(communityId);
    }

    /**
     * "changed" with a need's id whenever one of the community's needs changes (on any instance), a comment
     * every 20 s so proxies keep the connection open. The page reads the queue again on each change.
     */
    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    Flux<Event<String>> stream(@PathVariable String communityId) {
        Flux<Event<String>> changes = signals.changes(communityId).map(id -> Event.of(String.valueOf(id)).name("changed"));
        Flux<Event<String>> heartbeat = Flux.interval(Duration.ofSeconds(20)).map(i -> Event.of("").comment("keep-alive"));
        return Flux.merge(Flux.just(Event.of("").name("open")), changes, heartbeat).take(STREAM_LIFE);
    }
}
