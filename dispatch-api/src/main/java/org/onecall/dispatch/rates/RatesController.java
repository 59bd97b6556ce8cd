package org.onecall.dispatch.rates;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import org.onecall.dispatch.volunteer.Volunteers;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class RatesController {

    private final Rates rates;
    private final Volunteers volunteers;
    private final Clock clock;

    RatesController(Rates rates, Volunteers volunteers, Clock clock) {
        this.rates = rates;
        this.volunteers = volunteers;
        this.clock = clock;
    }

    /**
     * The three rates of the needs raised from {@code from} to {@code to} (dates, both included; default
     * the last 30 days), per street, community and grid (grids ranked), over the communities the caller
     * serves, optionally narrowed to one {@code community} or {@code street}.
     */
    @Get("/rates{?from,to,community,street}")
    Rates.Report report(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
                        @Nullable @QueryValue String community, @Nullable @QueryValue String street) {
        var zone = volunteers.zone();
        return rates.report(Period.parse(from, to, zone, clock.instant()), zone, blank(community), blank(street));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
