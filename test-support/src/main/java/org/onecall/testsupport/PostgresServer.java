package org.onecall.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throw-away PostgreSQL cluster in a temp dir, on a free localhost port, trusting every local
 * connection. PostgreSQL refuses to run as root, so when the JVM is root, initdb and the server
 * run as {@code postgres} (or {@code nobody}) through {@code runuser}.
 */
final class PostgresServer implements AutoCloseable {

    static final String SUPERUSER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final String DIR_PREFIX = "onecall-pg-";
    private static final String OWNER_PID = "owner.pid";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Path base;
    private final Path bin;
    private final Optional<String> runAs;
    private final Process process;
    private final int port;
    private boolean closed;

    private PostgresServer(Path base, Path bin, Optional<String> runAs, Process process, int port) {
        this.base = base;
        this.bin = bin;
        this.runAs = runAs;
        this.process = process;
        this.port = port;
    }

    static PostgresServer start(Path bin) {
        long startedAt = System.nanoTime();
        removeLeftovers();
        Optional<String> runAs = unprivilegedUserIfRoot();
        Path base = null;
        try {
            base = Files.createTempDirectory(DIR_PREFIX);
            Files.writeString(base.resolve(OWNER_PID), Long.toString(ProcessHandle.current().pid()));
            Path socketDir = Files.createDirectory(base.resolve("sock"));
            if (runAs.isPresent()) {
                run(List.of("chown", "-R", runAs.get(), base.toString()), base, base.resolve("chown.log"));
            }
            run(asUser(runAs, bin.resolve("initdb").toString(), "-D", base.resolve("data").toString(),
                    "-A", "trust", "-U", SUPERUSER, "-E", "UTF8", "--locale=C", "--no-sync"),
                    base, base.resolve("initdb.log"));

            int port = freePort();
            Process process = new ProcessBuilder(asUser(runAs, bin.resolve("postgres").toString(),
                    "-D", base.resolve("data").toString(), "-p", Integer.toString(port),
                    "-k", socketDir.toString(), "-c", "listen_addresses=localhost",
                    // throw-away data: durability only costs time here
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                    // several application contexts with their own pools may share this server
                    "-c", "max_connections=300"))
                    .directory(base.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(base.resolve("postgres.log").toFile())
                    .start();
            PostgresServer server = new PostgresServer(base, bin, runAs, process, port);
            try {
                server.awaitAcceptingConnections();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            LOG.info("PostgreSQL from {} ready on port {} in {} ms, running as {}", bin, port,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt),
                    runAs.orElse(System.getProperty("user.name")));
            return server;
        } catch (IOException e) {
            Directories.deleteQuietly(base);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (base != null && !Files.exists(base.resolve("postgres.log"))) {
                Directories.deleteQuietly(base);
            }
            throw e;
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (process.isAlive()) {
                // fast: roll back open transactions instead of waiting for pooled clients to leave
                run(asUser(runAs, bin.resolve("pg_ctl").toString(), "stop", "-D", base.resolve("data").toString(),
                        "-m", "fast", "-w", "-t", "30"), base, base.resolve("pg_ctl.log"));
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                killPostmaster(base);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (RuntimeException e) {
            LOG.warn("PostgreSQL on port {} did not stop cleanly; killing it", port, e);
            killPostmaster(base);
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killPostmaster(base);
            process.destroyForcibly();
        }
        Directories.deleteQuietly(base);
    }

    private void awaitAcceptingConnections() {
        Awaitility.await().alias("PostgreSQL accepting connections on port " + port)
                .atMost(STARTUP_TIMEOUT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("PostgreSQL exited with " + process.exitValue() + ":\n"
                                + Files.readString(base.resolve("postgres.log"), StandardCharsets.UTF_8));
                    }
                    try (Connection ignored = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "")) {
                        return true;
                    } catch (SQLException notYet) {
                        return false;
                    }
                });
    }

    private static Optional<String> unprivilegedUserIfRoot() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        try {
            Process id = new ProcessBuilder("id", "-u", SUPERUSER).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return Optional.of(id.waitFor() == 0 ? SUPERUSER : "nobody");
        } catch (IOException e) {
            return Optional.of("nobody");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> asUser(Optional<String> user, String... command) {
        List<String> result = new ArrayList<>();
        user.ifPresent(u -> result.addAll(List.of("runuser", "-u", u, "--")));
        result.addAll(List.of(command));
        return result;
    }

    private static void run(List<String> command, Path workDir, Path log) {
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", command));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("Failed (" + p.exitValue() + "): " + String.join(" ", command)
                        + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", command), e);
        }
    }

    /**
     * Clusters whose JVM died without running its shutdown hook (e.g. a fork killed on timeout)
     * would otherwise keep running and hold their temp dir forever.
     */
    private static void removeLeftovers() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, DIR_PREFIX + "*")) {
            for (Path dir : dirs) {
                Path owner = dir.resolve(OWNER_PID);
                if (!Files.isRegularFile(owner)) {
                    continue;
                }
                long pid = Long.parseLong(Files.readString(owner).strip());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                killPostmaster(dir);
                Directories.deleteQuietly(dir);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not clean up old PostgreSQL test clusters", e);
        }
    }

    private static void killPostmaster(Path base) {
        Path pidFile = base.resolve("data").resolve("postmaster.pid");
        try {
            if (!Files.isReadable(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            // the pid may have been reused since: only kill a postgres
            ProcessHandle.of(pid)
                    .filter(p -> p.info().command().map(c -> c.endsWith(File.separator + "postgres")).orElse(false))
                    .ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not kill postmaster of {}", base, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
