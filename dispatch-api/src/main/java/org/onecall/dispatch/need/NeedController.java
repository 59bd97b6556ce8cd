package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import java.util.List;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class NeedController {

    private final NeedService needs;

    NeedController(NeedService needs) {
        this.needs = needs;
    }

    @Post("/needs")
    @Status(HttpStatus.CREATED)
    Need raise(@Valid @Body Requests.RaiseNeed request) {
        return needs.raise(request);
    }

    @Get("/needs/{id}")
    Need get(@PathVariable long id) {
        return needs.get(id);
    }

    @Get("/needs/{id}/history")
    List<NeedHistoryEntry> history(@PathVariable long id) {
        return needs.history(id);
    }

    /** The coordinator's queue; {@code status} may repeat, none means every need. */
    @Get("/communities/{communityId}/needs{?status*}")
    List<Need> queue(@PathVariable String communityId, @Nullable @QueryValue List<NeedStatus> status) {
        return needs.queue(communityId, status == null ? List.of() : status);
    }

    @Post("/needs/{id}/arrival")
    Need arrive(@PathVariable long id, @Valid @Body Requests.Arrival request) {
        return needs.arrive(id, request.volunteerId());
    }

    @Post("/needs/{id}/completion")
    Need complete(@PathVariable long id, @Valid @Body Requests.Completion request) {
        return needs.complete(id, request.volunteerId(), request.summary());
    }

    @Post("/needs/{id}/feedback")
    Need feedback(@PathVariable long id, @Valid @Body Requests.Feedback request) {
        return needs.feedback(id, request);
    }

    @Post("/needs/{id}/cancellation")
    Need cancel(@PathVariable long id, @Valid @Body Requests.Cancellation request) {
        return needs.cancel(id, request.reason(), request.by());
    }
}
