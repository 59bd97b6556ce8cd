package org.onecall.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./run} as a person uses it: a JVM of its own, started with the settings the README names,
 * stopped with SIGTERM (Ctrl-C). It must stop (the services' and Micronaut's shutdown hooks once
 * deadlocked, and Ctrl-C hung forever), close its databases in order, and keep every file in
 * ONECALL_DATA, wherever it was started from.
 */
class StandaloneProcessTest {

    @TempDir
    Path dir;

    @Test
    void sigtermStopsItCleanlyAndEverythingIsInTheDataDirectory() throws Exception {
        Path data = dir.resolve("elsewhere/data");
        Path cwd = dir.resolve("started-from");
        ChildProduct product = new ChildProduct(data, cwd, dir.resolve("standalone.log"), Map.of());
        Process process = product.start();
        try {
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(product.url() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());

            process.destroy(); // SIGTERM, as Ctrl-C or `kill` sends
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), () -> "still running a minute after SIGTERM:\n"
                    + product.log());
            String output = product.log();
            assertTrue(output.contains("shutting down"), output);
            assertFalse(output.contains("Database is already closed"), "the databases closed under running services:\n"
                    + output);
        } finally {
            process.destroyForcibly();
        }

        for (String file : List.of("dispatch.mv.db", "notifier.mv.db", "jwt-secret", "kafka-credentials.properties")) {
            assertTrue(Files.exists(data.resolve(file)), file + " in ONECALL_DATA");
        }
        assertTrue(Files.isDirectory(data.resolve("kafka")));
        try (var left = Files.list(cwd)) {
            assertEquals(List.of(), left.toList(), "nothing is written where it was started from");
        }
    }
}
