package org.onecall.dispatch.imports;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Spreadsheet imports (docs/import.md): POST the file as the request body, get a job back at
 * once (202), then poll it. {@code dryRun=true} checks every line and writes nothing. Reasons and
 * the message are in the caller's language (Accept-Language: Chinese unless English is preferred),
 * put in words from their codes at each read, so one job reads in either.
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

    /**
     * The job; {@code errors[].reason} and {@code message} are in the caller's language, with
     * {@code errors[].code}/{@code params} and {@code messageCode}/{@code messageParams} for programs
     * (docs/import.md lists the codes; params are left out when a code names no values, codes on jobs
     * from before they existed).
     */
    @Introspected
    record JobView(String id, String communityId, String fileName, boolean dryRun, ImportJob.State state,
                   boolean finished, int totalRows, int processedRows, int importedRows, int errorCount,
                   List<RowError> errors, @Nullable String message, @Nullable ReasonCode messageCode,
                   @Nullable Map<String, String> messageParams, Instant createdAt, @Nullable Instant finishedAt) {
    }

    /** @param acceptLanguage zh-CN (the default) or en: the language of the reasons in the answer */
    @Post("/communities/{communityId}/imports/volunteers{?dryRun,fileName}")
    @Consumes({"text/csv", XLSX, "application/octet-stream", "text/plain"})
    HttpResponse<JobView> importVolunteers(@PathVariable String communityId, @Nullable @QueryValue Boolean dryRun,
                                           @Nullable @QueryValue String fileName,
                                           @Nullable @Header(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                                           @Nullable @Body byte[] file) {
        return start(volunteers, communityId, dryRun, fileName, Language.of(acceptLanguage), file);
    }

    /**
     * Merchants and partner units (商户, 共建单位): same request, job and response as volunteers.
     *
     * @param acceptLanguage zh-CN (the default) or en: the language of the reasons in the answer
     */
    @Post("/communities/{communityId}/imports/merchants{?dryRun,fileName}")
    @Consumes({"text/csv", XLSX, "application/octet-stream", "text/plain"})
    HttpResponse<JobView> importMerchants(@PathVariable String communityId, @Nullable @QueryValue Boolean dryRun,
                                          @Nullable @QueryValue String fileName,
                                          @Nullable @Header(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                                          @Nullable @Body byte[] file) {
        return start(merchants, communityId, dryRun, fileName, Language.of(acceptLanguage), file);
    }

    private HttpResponse<JobView> start(SheetKind<?> kind, String communityId, @Nullable Boolean dryRun,
                                        @Nullable String fileName, Language language, @Nullable byte[] file) {
        // no body at all is an empty file: refused below in the caller's language, not the framework's
        byte[] data = file == null ? new byte[0] : file;
        String name = fileName == null || fileName.isBlank() ? "upload" : fileName.substring(0, Math.min(200, fileName.length()));
        ImportJob job = imports.start(kind, communityId, name, data, Boolean.TRUE.equals(dryRun), language);
        return HttpResponse.accepted(URI.create("/api/imports/" + job.id())).body(view(job, language));
    }

    /** @param acceptLanguage zh-CN (the default) or en: the language of the reasons in the answer */
    @Get("/imports/{id}")
    JobView get(@PathVariable String id, @Nullable @Header(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return view(jobs.get(id), Language.of(acceptLanguage));
    }

    private JobView view(ImportJob j, Language language) {
        return new JobView(j.id(), j.communityId(), j.fileName(), j.dryRun(), j.state(), j.state().finished(),
                j.totalRows(), j.processedRows(), j.importedRows(), j.errorCount(), jobs.errors(j, language),
                jobs.message(j, language), j.messageCode(), jobs.messageParams(j), j.createdAt(), j.finishedAt());
    }
}
