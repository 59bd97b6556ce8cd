package org.onecall.dispatch.imports;

import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import org.onecall.kit.Refusal;

/**
 * The jobs' rows. Every write commits on its own (REQUIRES_NEW), so progress is visible to a
 * reader while the import's own transaction is still open.
 */
@Singleton
class ImportJobs {

    static final int MAX_LISTED_ERRORS = 5000;

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
                null, clock.instant(), null));
    }

    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    void progress(String id, ImportJob.State state, int total, int processed, int imported) {
        jobs.update(get(id).progress(state, total, processed, imported));
    }

    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    void finish(String id, ImportJob.State state, int imported, List<RowError> errors, String message) {
        List<RowError> listed = errors.size() > MAX_LISTED_ERRORS ? errors.subList(0, MAX_LISTED_ERRORS) : errors;
        try {
            jobs.update(get(id).finish(state, imported, errors.size(), json.writeValueAsString(listed), message,
                    clock.instant()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ImportJob get(String id) {
        return jobs.findById(id).orElseThrow(() -> Refusal.notFound("import", id));
    }

    List<RowError> errors(ImportJob job) {
        try {
            return List.of(json.readValue(job.errors(), RowError[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
