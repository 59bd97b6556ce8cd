package org.onecall.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.Claims;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.onecall.events.EventJson;
import org.onecall.kit.security.Caller;
import org.onecall.kit.security.RevokedTokens;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Coordinators' and leaders' notices (contract C6): the recent ones, then live, each caller seeing
 * those of the communities in their token or naming them. The queue page subscribes to the stream.
 */
@Controller("/notify/staff")
class StaffNoticeController {

    private final StaffNotices notices;
    private final SwitchedOffAccounts switchedOff;

    StaffNoticeController(StaffNotices notices, SwitchedOffAccounts switchedOff) {
        this.notices = notices;
        this.switchedOff = switchedOff;
    }

    @Get("/notices")
    @ExecuteOn(TaskExecutors.BLOCKING)
    List<StaffNotice> recent(Authentication caller) {
        return notices.recentFor(Caller.from(caller));
    }

    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    Flux<Event<String>> stream(Authentication authentication) {
        Caller caller = Caller.from(authentication);
        Flux<StaffNotice> recent = Flux.defer(() -> Flux.fromIterable(notices.recentFor(caller).stream()
                        .limit(50).sorted(Comparator.comparingLong(StaffNotice::id)).toList()))
                .subscribeOn(Schedulers.boundedElastic());
        Flux<Event<String>> heartbeat = Flux.interval(Duration.ofSeconds(20)).map(i -> Event.of("").comment("keep-alive"));
        return Flux.merge(notices.liveFor(caller).mergeWith(recent).map(StaffNoticeController::event), heartbeat)
                .takeUntilOther(switchedOff.revocationOf(authentication.getName(),
                        RevokedTokens.issuedAt(authentication.getAttributes().get(Claims.ISSUED_AT))));
    }

    private static Event<String> event(StaffNotice n) {
        try {
            // one event name for every kind: a page listens once, and kinds added later reach it too
            return Event.of(EventJson.MAPPER.writeValueAsString(n)).id(String.valueOf(n.id())).name("notice");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
