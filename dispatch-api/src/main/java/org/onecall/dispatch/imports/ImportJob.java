package org.onecall.dispatch.imports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One spreadsheet import. {@code processedRows} counts lines checked, {@code importedRows} lines
 * written (zero unless the whole file went in); {@code errors} is a JSON array of {@link RowError}
 * (the first {@link ImportJobs#MAX_LISTED_ERRORS}; {@code errorCount} counts all). The file-level
 * message is {@code messageCode} with {@code messageParams} (a JSON object), put in words when read;
 * {@code message} holds it in Chinese for a person reading the table, and is all that jobs from
 * before V9 have (in English).
 */
@MappedEntity("import_job")
record ImportJob(@Id String id, String communityId, String fileName, boolean dryRun, State state, int totalRows,
                 int processedRows, int importedRows, int errorCount, String errors, @Nullable String message,
                 @Nullable ReasonCode messageCode, @Nullable String messageParams,
                 Instant createdAt, @Nullable Instant finishedAt) {

    enum State {
        /** Waiting for the import thread. */
        QUEUED,
        /** Reading and checking every line. */
        VALIDATING,
        /** Writing, in one transaction. */
        IMPORTING,
        /** Dry run: every line is fine; nothing was written. */
        VALID,
        /** Some lines are bad: nothing was written; {@code errors} lists them. */
        REJECTED,
        /** Every line was written. */
        SUCCEEDED,
        /** The file could not be read, or writing failed and was rolled back: nothing was written. */
        FAILED;

        boolean finished() {
            return this != QUEUED && this != VALIDATING && this != IMPORTING;
        }
    }

    ImportJob progress(State s, int total, int processed, int imported) {
        return new ImportJob(id, communityId, fileName, dryRun, s, total, processed, imported, errorCount, errors,
                message, messageCode, messageParams, createdAt, finishedAt);
    }

    ImportJob finish(State s, int imported, int count, String errorsJson, @Nullable String why,
                     @Nullable ReasonCode whyCode, @Nullable String whyParams, Instant at) {
        return new ImportJob(id, communityId, fileName, dryRun, s, totalRows, processedRows, imported, count,
                errorsJson, why, whyCode, whyParams, createdAt, at);
    }
}
