package org.onecall.standalone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        Path cwd = Files.createDirectories(dir.resolve("started-from"));
        Path log = dir.resolve("standalone.log");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Standalone.class.getName())
                .directory(cwd.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("ONECALL_DATA", data.toString());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("ONECALL_KAFKA_PORT", String.valueOf(freePort()));
        builder.environment().put("ONECALL_SMS_PORT", String.valueOf(freePort()));
        builder.environment().remove("JDBC_URL");
        builder.environment().remove("NOTIFIER_JDBC_URL");
        Process process = builder.start();
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                assertTrue(process.isAlive(), () -> "it stopped while starting:\n" + read(log));
                return read(log).contains("is running");
            });
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());

            process.destroy(); // SIGTERM, as Ctrl-C or `kill` sends
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), () -> "still running a minute after SIGTERM:\n" + read(log));
            String output = read(log);
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

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
