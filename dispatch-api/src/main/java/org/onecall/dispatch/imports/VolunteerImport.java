package org.onecall.dispatch.imports;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.dispatch.team.Teams;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.kit.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a volunteer sheet in the background: checks every line first (a dry run stops there),
 * then writes all of them in one transaction, or none if any line is bad. One import runs at a
 * time per instance, so two files naming the same phone cannot both pass the duplicate check.
 */
@Singleton
class VolunteerImport {

    private static final Logger LOG = LoggerFactory.getLogger(VolunteerImport.class);

    private final ImportJobs jobs;
    private final ImportWriter writer;
    private final VolunteerRows rows;
    private final Volunteers volunteers;
    private final Teams teams;
    private final CommunityRepository communities;
    private final int maxRows;
    private final int progressEvery;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "volunteer-import");
        t.setDaemon(true);
        return t;
    });

    VolunteerImport(ImportJobs jobs, ImportWriter writer, VolunteerRows rows, Volunteers volunteers, Teams teams,
                    CommunityRepository communities, @Value("${onecall.imports.max-rows:50000}") int maxRows,
                    @Value("${onecall.imports.progress-every:500}") int progressEvery) {
        this.jobs = jobs;
        this.writer = writer;
        this.rows = rows;
        this.volunteers = volunteers;
        this.teams = teams;
        this.communities = communities;
        this.maxRows = maxRows;
        this.progressEvery = progressEvery;
    }

    ImportJob start(String communityId, String fileName, byte[] data, boolean dryRun) {
        if (!communities.existsById(communityId)) {
            throw Refusal.notFound("community", communityId);
        }
        if (data.length == 0) {
            throw Refusal.invalid("file", "the file is empty");
        }
        ImportJob job = jobs.create(UUID.randomUUID().toString(), communityId, fileName, dryRun);
        worker.execute(() -> run(job, data));
        return job;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private void run(ImportJob job, byte[] data) {
        String id = job.id();
        try {
            Sheet sheet;
            try {
                sheet = Sheet.read(data);
            } catch (IOException e) {
                jobs.finish(id, ImportJob.State.FAILED, 0, List.of(), e.getMessage());
                return;
            }
            int total = sheet.lines().size();
            if (total > maxRows) {
                jobs.finish(id, ImportJob.State.FAILED, 0, List.of(), "the file has " + total
                        + " lines; at most " + maxRows + " are imported at once: split it");
                return;
            }
            jobs.progress(id, ImportJob.State.VALIDATING, total, 0, 0);
            VolunteerColumns.Layout layout = VolunteerColumns.layout(sheet.header());
            String note = layout.ignored().isEmpty() ? null : "ignored columns: " + String.join(", ", layout.ignored());
            if (!layout.errors().isEmpty()) {
                jobs.finish(id, ImportJob.State.REJECTED, 0, layout.errors(), note);
                return;
            }
            List<VolunteerRows.Parsed> parsed = validate(job, sheet, layout);
            List<RowError> errors = parsed.stream().flatMap(p -> p.errors().stream()).toList();
            if (!errors.isEmpty()) {
                jobs.finish(id, ImportJob.State.REJECTED, 0, errors, note);
            } else if (job.dryRun()) {
                jobs.finish(id, ImportJob.State.VALID, 0, List.of(), note);
            } else {
                jobs.progress(id, ImportJob.State.IMPORTING, total, total, 0);
                int[] last = {0};
                int imported = writer.write(job.communityId(), parsed, done -> {
                    if (done - last[0] >= progressEvery || done == total) {
                        last[0] = done;
                        jobs.progress(id, ImportJob.State.IMPORTING, total, total, done);
                    }
                });
                jobs.finish(id, ImportJob.State.SUCCEEDED, imported, List.of(), note);
            }
        } catch (RuntimeException e) {
            LOG.warn("import {} failed; nothing was written", id, e);
            jobs.finish(id, ImportJob.State.FAILED, 0, List.of(), "nothing was imported: " + e.getMessage());
        }
    }

    /** Every line, every problem: the sheet's own duplicates, phones already registered, unknown teams. */
    private List<VolunteerRows.Parsed> validate(ImportJob job, Sheet sheet, VolunteerColumns.Layout layout) {
        Set<String> registered = volunteers.phonesIn(job.communityId());
        Map<String, Integer> phoneLine = new HashMap<>();
        Map<String, Boolean> teamExists = new HashMap<>();
        List<VolunteerRows.Parsed> out = new ArrayList<>(sheet.lines().size());
        int total = sheet.lines().size();
        for (Sheet.Line line : sheet.lines()) {
            VolunteerRows.Parsed p = rows.parse(line, layout);
            List<RowError> errors = new ArrayList<>(p.errors());
            p.volunteer().ifPresent(v -> {
                String phone = Volunteers.phoneDigits(v.phone());
                Integer first = phoneLine.putIfAbsent(phone, line.number());
                if (first != null) {
                    errors.add(new RowError(line.number(), VolunteerColumns.PHONE.header(),
                            "the phone " + phone + " is also on line " + first));
                } else if (registered.contains(phone)) {
                    errors.add(new RowError(line.number(), VolunteerColumns.PHONE.header(),
                            "a volunteer with the phone " + phone + " is already registered"));
                }
            });
            for (String team : p.teams()) {
                if (!teamExists.computeIfAbsent(team, t -> teams.findByName(job.communityId(), t).isPresent())) {
                    errors.add(new RowError(line.number(), VolunteerColumns.TEAMS.header(),
                            "no team named " + team + " (create it first)"));
                }
            }
            out.add(errors.size() == p.errors().size() ? p
                    : new VolunteerRows.Parsed(p.line(), java.util.Optional.empty(), p.teams(), errors));
            if (out.size() % progressEvery == 0) {
                jobs.progress(job.id(), ImportJob.State.VALIDATING, total, out.size(), 0);
            }
        }
        jobs.progress(job.id(), ImportJob.State.VALIDATING, total, total, 0);
        return out;
    }
}
