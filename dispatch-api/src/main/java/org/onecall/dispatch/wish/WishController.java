package org.onecall.dispatch.wish;

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

/** Projects list and micro-wishes: publish, claim (认领) once, record fulfilment. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class WishController {

    private final Wishes wishes;

    WishController(Wishes wishes) {
        this.wishes = wishes;
    }

    @Post("/communities/{communityId}/wishes")
    @Status(HttpStatus.CREATED)
    Wish publish(@PathVariable String communityId, @Valid @Body WishRequests.Publish request) {
        return wishes.publish(communityId, request);
    }

    /**
     * Open, claimed or fulfilled wishes and projects of a community; no status means all. With
     * {@code agreementId}: the projects that carry out that co-building agreement.
     */
    @Get("/communities/{communityId}/wishes{?status,agreementId}")
    List<Wish> list(@PathVariable String communityId, @Nullable @QueryValue Wish.WishStatus status,
                    @Nullable @QueryValue Long agreementId) {
        return wishes.list(communityId, status, agreementId);
    }

    @Get("/wishes/{id}")
    Wish get(@PathVariable long id) {
        return wishes.get(id);
    }

    @Get("/wishes/{id}/history")
    List<WishHistoryEntry> history(@PathVariable long id) {
        return wishes.history(id);
    }

    /** 409 when someone claimed it first. */
    @Post("/wishes/{id}/claim")
    Wish claim(@PathVariable long id, @Valid @Body WishRequests.Claim request) {
        return wishes.claim(id, request);
    }

    @Post("/wishes/{id}/fulfilment")
    Wish fulfil(@PathVariable long id, @Valid @Body WishRequests.Fulfil request) {
        return wishes.fulfil(id, request);
    }
}
