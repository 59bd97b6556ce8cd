package org.onecall.dispatch.complaint;

import io.micronaut.core.annotation.Nullable;
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
}
