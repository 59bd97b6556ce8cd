package org.onecall.dispatch.imports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.onecall.kit.Refusal;

/**
 * The jobs' rows. Every write commits on its own (REQUIRES_NEW), so progress is visible to a
 * reader while the import's own transaction is still open.
 */
@Singleton
class ImportJobs {

    static final int MAX_LISTED_ERRORS = 5000;
    /** import_job.message's width. */
    private static final int MAX_MESSAGE = 2000;

    private final ImportJobRepository jobs;
    private final JsonMapper json;
    private final Clock clock;

    ImportJobs(ImportJobRepository jobs, JsonMapper json, Clock clock) {
        this.jobs = jobs;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    ImportJob create(String id, String communityId, String fileName, boolean dryRun) {
        return jobs.save(new ImportJob(id, communityId, fileName, dryRun, ImportJob.State.QUEUED, 0, 0, 0, 0, "[]",
                null, null, null, clock.instant(), null));
    }

    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    void progress(String id, ImportJob.State state, int total, int processed, int imported) {
        jobs.update(get(id).progress(state, total, processed, imported));
    }

    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    void finish(String id, ImportJob.State state, int imported, List<RowError> errors, @Nullable Reason message) {
        List<RowError> listed = errors.size() > MAX_LISTED_ERRORS ? errors.subList(0, MAX_LISTED_ERRORS) : errors;
        try {
            jobs.update(get(id).finish(state, imported, errors.size(), json.writeValueAsString(listed),
                    message == null ? null : cut(message.render(Language.ZH_CN), MAX_MESSAGE),
                    message == null ? null : message.code(),
                    message == null ? null : json.writeValueAsString(message.params()), clock.instant()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ImportJob get(String id) {
        return jobs.findById(id).orElseThrow(() -> Refusal.notFound("import", id));
    }

    /** The job's row errors, each reason in {@code language}. */
    List<RowError> errors(ImportJob job, Language language) {
        try {
            return Arrays.stream(json.readValue(job.errors(), RowError[].class)).map(e -> e.in(language)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job's message in {@code language}, or as stored when it has no code (jobs from before V9). */
    @Nullable
    String message(ImportJob job, Language language) {
        return job.messageCode() == null ? job.message() : job.messageCode().render(language, messageParams(job));
    }

    /** The values the job's message names (none for jobs from before V9). */
    Map<String, String> messageParams(ImportJob job) {
        if (job.messageParams() == null) {
            return Map.of();
        }
        try {
            return json.readValue(job.messageParams(), Argument.mapOf(String.class, String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
