package org.onecall.dispatch.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.onecall.dispatch.ResourceListsTestBase;
import org.onecall.events.EventJson;
import org.onecall.events.EventPayload;
import org.onecall.events.Topics;
import org.onecall.testsupport.TopicProbe;

/** Posting a sheet and following its job, for every kind of import. */
abstract class SheetImportTestBase extends ResourceListsTestBase {

    static final MediaType CSV = MediaType.of("text/csv");
    static final MediaType XLSX = MediaType.of(ImportController.XLSX);

    /** POSTs the file to /imports/{kind} and returns the job as first answered (202). */
    JsonNode post(String kind, String community, byte[] file, MediaType type, boolean dryRun) {
        return send(upload("/api/communities/" + community + "/imports/" + kind + "?fileName=sheet&dryRun=" + dryRun,
                file, type));
    }

    /** Polls the job until it finishes, noting processed + imported rows at each poll. */
    JsonNode awaitFinished(String jobId, List<Integer> progress, Duration atMost) {
        return Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode j = get("/api/imports/" + jobId);
            progress.add(j.get("processedRows").asInt() + j.get("importedRows").asInt());
            return j;
        }, j -> j.get("finished").asBoolean());
    }

    JsonNode run(String kind, String community, byte[] file, MediaType type, boolean dryRun) {
        return awaitFinished(post(kind, community, file, type, dryRun).get("id").asText(), new ArrayList<>(),
                Duration.ofSeconds(60));
    }

    /**
     * Imports {@code n} generated lines in one file and checks the job: every line in, the ignored
     * 备注 column named, progress seen while it ran. Prints the speed.
     */
    JsonNode importMany(String kind, String community, String header, IntFunction<String> line, int n) {
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (int i = 0; i < n; i++) {
            csv.append(line.apply(i)).append('\n');
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        long started = System.nanoTime();
        List<Integer> progress = new ArrayList<>();
        JsonNode done = awaitFinished(post(kind, community, file, CSV, false).get("id").asText(), progress,
                Duration.ofMinutes(3));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "IMPORT-SPEED %s: %d rows in %.2f s = %.0f rows/s (%d bytes)%n", kind, n,
                seconds, n / seconds, file.length);
        assertEquals("SUCCEEDED", done.get("state").asText(), done.toString());
        assertEquals(n, done.get("totalRows").asInt());
        assertEquals(n, done.get("importedRows").asInt());
        assertEquals(0, done.get("errorCount").asInt());
        assertTrue(done.get("message").asText().contains("备注"), "the ignored column is named: " + done);
        assertTrue(progress.stream().anyMatch(p -> p > 0 && p < 2 * n), "progress seen while running: " + progress);
        return done;
    }

    /** Waits until the compacted resources topic holds at least {@code n} states of the community; returns them all. */
    static List<EventPayload> publishedStates(String community, int n) {
        try (TopicProbe resources = TopicProbe.open(Topics.RESOURCES)) {
            String ofCommunity = "\"communityId\":\"" + community + "\"";
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    resources.values().stream().filter(v -> v.contains(ofCommunity)).count() >= n);
            return resources.values().stream().filter(v -> v.contains(ofCommunity))
                    .map(v -> EventJson.read(v).typedPayload()).toList();
        }
    }

    /** "column: reason" per line, several joined by " | ". */
    static Map<Integer, String> byLine(JsonNode job) {
        Map<Integer, String> byLine = new TreeMap<>();
        for (JsonNode e : job.get("errors")) {
            byLine.merge(e.get("line").asInt(), e.get("column").asText() + ": " + e.get("reason").asText(),
                    (a, b) -> a + " | " + b);
        }
        return byLine;
    }

    /** "column CODE name=value,..." per line (values by name), several joined by " | ": what a program reads. */
    static Map<Integer, String> codesByLine(JsonNode job) {
        Map<Integer, String> byLine = new TreeMap<>();
        for (JsonNode e : job.get("errors")) {
            Map<String, String> params = new TreeMap<>();
            e.path("params").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
            String code = e.get("column").asText() + " " + e.get("code").asText() + (params.isEmpty() ? ""
                    : " " + params.entrySet().stream().map(p -> p.getKey() + "=" + p.getValue())
                    .collect(Collectors.joining(",")));
            byLine.merge(e.get("line").asInt(), code, (a, b) -> a + " | " + b);
        }
        return byLine;
    }
}
