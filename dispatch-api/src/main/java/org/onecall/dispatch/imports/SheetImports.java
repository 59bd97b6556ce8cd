package org.onecall.dispatch.imports;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.kit.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a sheet in the background: checks every line first (a dry run stops there), then writes
 * all of them in one transaction, or none if any line is bad. One import of any kind runs at a time
 * per instance, so two files naming the same phone cannot both pass the duplicate check here.
 */
@Singleton
class SheetImports {

    private static final Logger LOG = LoggerFactory.getLogger(SheetImports.class);

    private final ImportJobs jobs;
    private final ImportWriter writer;
    private final CommunityRepository communities;
    private final int maxRows;
    private final int progressEvery;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sheet-import");
        t.setDaemon(true);
        return t;
    });

    SheetImports(ImportJobs jobs, ImportWriter writer, CommunityRepository communities,
                 @Value("${onecall.imports.max-rows:50000}") int maxRows,
                 @Value("${onecall.imports.progress-every:500}") int progressEvery) {
        this.jobs = jobs;
        this.writer = writer;
        this.communities = communities;
        this.maxRows = maxRows;
        this.progressEvery = progressEvery;
    }

    /** @param language the caller's, for a refusal here; the job's reasons are put in words when read */
    <T> ImportJob start(SheetKind<T> kind, String communityId, String fileName, byte[] data, boolean dryRun,
                        Language language) {
        if (!communities.existsById(communityId)) {
            throw Refusal.notFound("community", communityId);
        }
        if (data.length == 0) {
            throw Refusal.invalid("file", Reason.of(ReasonCode.FILE_EMPTY).render(language));
        }
        ImportJob job = jobs.create(UUID.randomUUID().toString(), communityId, fileName, dryRun);
        worker.execute(() -> run(kind, job, data));
        return job;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private <T> void run(SheetKind<T> kind, ImportJob job, byte[] data) {
        String id = job.id();
        try {
            Sheet sheet;
            try {
                sheet = Sheet.read(data);
            } catch (Sheet.Unreadable e) {
                jobs.finish(id, ImportJob.State.FAILED, 0, List.of(), e.reason());
                return;
            }
            int total = sheet.lines().size();
            if (total > maxRows) {
                jobs.finish(id, ImportJob.State.FAILED, 0, List.of(),
                        Reason.of(ReasonCode.TOO_MANY_ROWS, "rows", total, "max", maxRows));
                return;
            }
            jobs.progress(id, ImportJob.State.VALIDATING, total, 0, 0);
            SheetKind.Reader<T> reader = kind.reader(job.communityId(), sheet.header());
            Reason note = reader.ignored().isEmpty() ? null
                    : Reason.of(ReasonCode.IGNORED_COLUMNS, "columns", String.join(", ", reader.ignored()));
            if (!reader.headerErrors().isEmpty()) {
                jobs.finish(id, ImportJob.State.REJECTED, 0, reader.headerErrors(), note);
                return;
            }
            List<SheetKind.Parsed<T>> parsed = check(job, sheet, reader);
            List<RowError> errors = parsed.stream().flatMap(p -> p.errors().stream()).toList();
            if (!errors.isEmpty()) {
                jobs.finish(id, ImportJob.State.REJECTED, 0, errors, note);
            } else if (job.dryRun()) {
                jobs.finish(id, ImportJob.State.VALID, 0, List.of(), note);
            } else {
                write(kind, job, sheet, parsed, note);
            }
        } catch (RuntimeException e) {
            LOG.warn("import {} of {} failed; nothing was written", id, kind.name(), e);
            jobs.finish(id, ImportJob.State.FAILED, 0, List.of(),
                    Reason.of(ReasonCode.WRITE_FAILED, "detail", String.valueOf(e.getMessage())));
        }
    }

    private <T> void write(SheetKind<T> kind, ImportJob job, Sheet sheet, List<SheetKind.Parsed<T>> parsed,
                           Reason note) {
        String id = job.id();
        int total = parsed.size();
        jobs.progress(id, ImportJob.State.IMPORTING, total, total, 0);
        int[] last = {0};
        try {
            int imported = writer.write(kind, job.communityId(),
                    parsed.stream().map(p -> p.value().orElseThrow()).toList(), done -> {
                        if (done - last[0] >= progressEvery || done == total) {
                            last[0] = done;
                            jobs.progress(id, ImportJob.State.IMPORTING, total, total, done);
                        }
                    });
            jobs.finish(id, ImportJob.State.SUCCEEDED, imported, List.of(), note);
        } catch (Refusal e) {
            if (e.kind() != Refusal.Kind.CONFLICT) {
                throw e;
            }
            // someone registered one of these (another import, another instance) after the lines were
            // checked: the constraint refused the lot; checking again names the lines
            List<RowError> now = check(job, sheet, kind.reader(job.communityId(), sheet.header())).stream()
                    .flatMap(p -> p.errors().stream()).toList();
            LOG.info("import {} of {} refused by the database: {}", id, kind.name(), e.getMessage());
            jobs.finish(id, now.isEmpty() ? ImportJob.State.FAILED : ImportJob.State.REJECTED, 0, now,
                    Reason.of(ReasonCode.WRITE_CONFLICT));
        }
    }

    /** Every line, every problem, with progress as it goes. */
    private <T> List<SheetKind.Parsed<T>> check(ImportJob job, Sheet sheet, SheetKind.Reader<T> reader) {
        int total = sheet.lines().size();
        List<SheetKind.Parsed<T>> out = new ArrayList<>(total);
        for (Sheet.Line line : sheet.lines()) {
            out.add(reader.read(line));
            if (out.size() % progressEvery == 0) {
                jobs.progress(job.id(), ImportJob.State.VALIDATING, total, out.size(), 0);
            }
        }
        jobs.progress(job.id(), ImportJob.State.VALIDATING, total, total, 0);
        return out;
    }
}
