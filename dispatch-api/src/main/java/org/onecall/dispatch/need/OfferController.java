package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import java.util.List;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class OfferController {

    private final NeedService needs;
    private final NeedViews views;

    OfferController(NeedService needs, NeedViews views) {
        this.needs = needs;
        this.views = views;
    }

    @Get("/volunteers/{volunteerId}/offers{?status}")
    List<Views.OfferView> offers(@PathVariable long volunteerId, @Nullable @QueryValue OfferStatus status) {
        return needs.offersFor(volunteerId, status);
    }

    @Post("/offers/{id}/accept")
    Views.JobView accept(@PathVariable long id, @Valid @Body Requests.Respond request) {
        return needs.accept(id, request.volunteerId());
    }

    @Post("/offers/{id}/decline")
    Views.NeedView decline(@PathVariable long id, @Valid @Body Requests.Respond request) {
        return views.of(needs.decline(id, request.volunteerId(), request.reason()));
    }

    /** The job as its holder sees it: full address and phone, only while holding it. */
    @Get("/volunteers/{volunteerId}/jobs/{needId}")
    Views.JobView job(@PathVariable long volunteerId, @PathVariable long needId) {
        return needs.job(needId, volunteerId);
    }
}
