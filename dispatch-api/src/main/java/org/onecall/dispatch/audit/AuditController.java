package org.onecall.dispatch.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The audit log for admins: read it, or export it as CSV for the data-protection officer. */
@Controller("/api/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
class AuditController {

    private final Audit audit;
    private final Clock clock;

    AuditController(Audit audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Get("{?from,to}")
    List<AuditEntry> list(@Nullable @QueryValue Instant from, @Nullable @QueryValue Instant to) {
        return audit.between(from(from), to(to));
    }

    @Get(value = "/export{?from,to}", produces = "text/csv")
    HttpResponse<String> export(@Nullable @QueryValue Instant from, @Nullable @QueryValue Instant to) {
        StringBuilder csv = new StringBuilder("\uFEFFoccurred_at,actor,action,subject,detail\n");
        for (AuditEntry e : audit.between(from(from), to(to))) {
            csv.append(e.occurredAt()).append(',').append(cell(e.actor())).append(',').append(cell(e.action()))
                    .append(',').append(cell(e.subject())).append(',').append(cell(e.detail())).append('\n');
        }
        return HttpResponse.ok(csv.toString()).header("Content-Disposition", "attachment; filename=audit.csv");
    }

    private Instant from(Instant from) {
        return from == null ? clock.instant().minus(Duration.ofDays(30)) : from;
    }

    private Instant to(Instant to) {
        return to == null ? clock.instant().plusSeconds(1) : to;
    }

    static String cell(String value) {
        return Audit.csvCell(value);
    }
}
