package org.onecall.dispatch.pairing;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import java.util.List;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class PairingController {

    private final Pairings pairings;

    PairingController(Pairings pairings) {
        this.pairings = pairings;
    }

    /** Pairs a volunteer with a household on a weekly schedule, e.g. {@code "周二 09:00-11:00"}. */
    @Post("/communities/{communityId}/pairings")
    @Status(HttpStatus.CREATED)
    Pairings.PairingView create(@PathVariable String communityId, @Valid @Body Pairings.NewPairing request) {
        return pairings.create(communityId, request);
    }

    @Get("/communities/{communityId}/pairings")
    List<Pairings.PairingView> list(@PathVariable String communityId) {
        return pairings.list(communityId);
    }
}
