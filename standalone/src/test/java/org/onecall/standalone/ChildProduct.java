package org.onecall.standalone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code ./run} as its own JVM, as a person starts it: the README's environment (ONECALL_DATA, PORT,
 * ONECALL_KAFKA_PORT, ONECALL_SMS_PORT), its output in a log file. For tests that stop it the way people
 * and machines do: SIGTERM, or SIGKILL.
 */
final class ChildProduct {

    final int port;
    final int kafkaPort;
    final int smsPort;
    private final Path data;
    private final Path cwd;
    private final Path log;
    private final Map<String, String> env;

    /** Ports are chosen once: a restart on the same data directory comes back on the same ones. */
    ChildProduct(Path data, Path cwd, Path log, Map<String, String> env) {
        this.data = data;
        this.cwd = cwd;
        this.log = log;
        this.env = env;
        this.port = freePort();
        this.kafkaPort = freePort();
        this.smsPort = freePort();
    }

    String url() {
        return "http://localhost:" + port;
    }

    /** Starts it and waits until it says it is running. */
    Process start() throws IOException {
        Files.createDirectories(cwd);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Standalone.class.getName())
                .directory(cwd.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("ONECALL_DATA", data.toString());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("ONECALL_KAFKA_PORT", String.valueOf(kafkaPort));
        builder.environment().put("ONECALL_SMS_PORT", String.valueOf(smsPort));
        builder.environment().remove("JDBC_URL");
        builder.environment().remove("NOTIFIER_JDBC_URL");
        builder.environment().putAll(env);
        int startsBefore = starts();
        Process process = builder.start();
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            assertTrue(process.isAlive(), () -> "it stopped while starting:\n" + log());
            return starts() > startsBefore;
        });
        return process;
    }

    private int starts() {
        return log().split("is running", -1).length - 1;
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
