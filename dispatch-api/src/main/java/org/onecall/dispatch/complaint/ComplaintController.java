package org.onecall.dispatch.complaint;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.util.List;
import org.onecall.dispatch.rates.Period;
import org.onecall.dispatch.volunteer.Volunteers;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class ComplaintController {

    private final Complaints complaints;
    private final Volunteers volunteers;
    private final Clock clock;

    ComplaintController(Complaints complaints, Volunteers volunteers, Clock clock) {
        this.complaints = complaints;
        this.volunteers = volunteers;
        this.clock = clock;
    }

    /** Complaints opened from {@code from} to {@code to} (dates, both included; default the last 30 days). */
    @Get("/communities/{communityId}/complaints{?from,to}")
    List<Complaints.ComplaintView> list(@PathVariable String communityId, @Nullable @QueryValue String from,
                                        @Nullable @QueryValue String to) {
        return complaints.list(communityId, Period.parse(from, to, volunteers.zone(), clock.instant()));
    }

    @Introspected
    record Resolution(@NotBlank @Size(max = 2000) @Pattern(regexp = "[^\\x00]*",
            message = "must not contain the NUL character (U+0000)") String resolution) {
    }

    /** The community office closes the complaint, saying what was done (投诉处理). */
    @Post("/complaints/{id}/resolution")
    Complaints.ComplaintView resolve(@PathVariable long id, @Valid @Body Resolution request) {
        return complaints.resolve(id, request.resolution());
    }
}
