package org.onecall.dispatch.hours;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import org.onecall.dispatch.rates.Period;
import org.onecall.dispatch.volunteer.Volunteers;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class HoursController {

    private final Hours hours;
    private final Volunteers volunteers;
    private final Clock clock;

    HoursController(Hours hours, Volunteers volunteers, Clock clock) {
        this.hours = hours;
        this.volunteers = volunteers;
        this.clock = clock;
    }

    @Get("/volunteers/{id}/hours")
    Hours.Summary of(@PathVariable long id) {
        return hours.of(id);
    }

    /** For the city's volunteer platform: jobs served from {@code from} to {@code to} (dates, both included). */
    @Get(value = "/communities/{communityId}/volunteer-hours/export{?from,to}", produces = "text/csv")
    HttpResponse<String> export(@PathVariable String communityId, @Nullable @QueryValue String from,
                                @Nullable @QueryValue String to) {
        Period period = Period.parse(from, to, volunteers.zone(), clock.instant());
        return HttpResponse.ok(hours.export(communityId, period)).header("Content-Disposition",
                "attachment; filename=volunteer-hours-" + communityId + "-" + period.from() + "-" + period.to()
                        + ".csv");
    }
}
