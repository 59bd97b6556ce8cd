package org.onecall.dispatch.desk;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.validation.Validated;
import jakarta.validation.constraints.Pattern;
import reactor.core.publisher.Flux;

/** The operator's open desk: screen-pops and need status lines over SSE. */
@Controller("/api/communities/{communityId}/desk")
@Validated
class DeskController {

    private final DeskFeed feed;

    DeskController(DeskFeed feed) {
        this.feed = feed;
    }

    /** {@code extension}: the phone extension the operator sits at, so calls ringing there pop here first. */
    @Get(value = "/stream{?extension}", produces = MediaType.TEXT_EVENT_STREAM)
    Flux<Event<?>> stream(@PathVariable String communityId,
                          @Nullable @QueryValue @Pattern(regexp = "[0-9A-Za-z*#-]{1,20}",
                                  message = "must be 1-20 digits or letters") String extension) {
        return feed.open(communityId, extension);
    }
}
