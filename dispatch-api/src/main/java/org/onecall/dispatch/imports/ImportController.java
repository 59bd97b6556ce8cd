package org.onecall.dispatch.imports;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Spreadsheet imports (docs/import.md): POST the file as the request body, get a job back at
 * once (202), then poll it. {@code dryRun=true} checks every line and writes nothing.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class ImportController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final SheetImports imports;
    private final ImportJobs jobs;
    private final VolunteerSheet volunteers;
    private final MerchantSheet merchants;

    ImportController(SheetImports imports, ImportJobs jobs, VolunteerSheet volunteers, MerchantSheet merchants) {
        this.imports = imports;
        this.jobs = jobs;
        this.volunteers = volunteers;
        this.merchants = merchants;
    }

    @Introspected
    record JobView(String id, String communityId, String fileName, boolean dryRun, ImportJob.State state,
                   boolean finished, int totalRows, int processedRows, int importedRows, int errorCount,
                   List<RowError> errors, @Nullable String message, Instant createdAt, @Nullable Instant finishedAt) {
    }

    @Post("/communities/{communityId}/imports/volunteers{?dryRun,fileName}")
    @Consumes({"text/csv", XLSX, "application/octet-stream", "text/plain"})
    HttpResponse<JobView> importVolunteers(@PathVariable String communityId, @Nullable @QueryValue Boolean dryRun,
                                           @Nullable @QueryValue String fileName, @Body byte[] file) {
        return start(volunteers, communityId, dryRun, fileName, file);
    }

    /** Merchants and partner units (商户, 共建单位): same request, job and response as volunteers. */
    @Post("/communities/{communityId}/imports/merchants{?dryRun,fileName}")
    @Consumes({"text/csv", XLSX, "application/octet-stream", "text/plain"})
    HttpResponse<JobView> importMerchants(@PathVariable String communityId, @Nullable @QueryValue Boolean dryRun,
                                          @Nullable @QueryValue String fileName, @Body byte[] file) {
        return start(merchants, communityId, dryRun, fileName, file);
    }

    private HttpResponse<JobView> start(SheetKind<?> kind, String communityId, @Nullable Boolean dryRun,
                                        @Nullable String fileName, byte[] file) {
        String name = fileName == null || fileName.isBlank() ? "upload" : fileName.substring(0, Math.min(200, fileName.length()));
        ImportJob job = imports.start(kind, communityId, name, file, Boolean.TRUE.equals(dryRun));
        return HttpResponse.accepted(URI.create("/api/imports/" + job.id())).body(view(job));
    }

    @Get("/imports/{id}")
    JobView get(@PathVariable String id) {
        return view(jobs.get(id));
    }

    private JobView view(ImportJob j) {
        return new JobView(j.id(), j.communityId(), j.fileName(), j.dryRun(), j.state(), j.state().finished(),
                j.totalRows(), j.processedRows(), j.importedRows(), j.errorCount(), jobs.errors(j), j.message(),
                j.createdAt(), j.finishedAt());
    }
}
