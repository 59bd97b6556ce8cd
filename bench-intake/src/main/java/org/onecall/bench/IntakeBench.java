package org.onecall.bench;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.onecall.standalone.Standalone;
import org.onecall.testsupport.EmbeddedPostgres;
import org.onecall.testsupport.PostgresDatabase;

/**
 * bench/run intake: sustained needs per second with p50/p99 latency of POST /api/needs through
 * HTTP (the standalone product in this JVM, the demo community, signed in as the demo operator),
 * on H2 and on PostgreSQL, next to a raw JDBC loop inserting a need row and an outbox row per
 * transaction on the same database in the same run. Closed loop: {@code clients} threads each
 * send the next request when the previous one answered. Ends with one JSON line.
 */
public final class IntakeBench {

    interface Op {
        void run(int client, ThreadLocalRandom random) throws Exception;
    }

    record Result(String database, String what, int clients, double seconds, long ok, long errors, Bench.Stats latency) {
        double perSecond() {
            return ok / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        double warmup = quick ? 1 : 5;
        double measure = quick ? 3 : 20;
        int clients = 8;
        List<Result> results = new ArrayList<>();
        String pgNote;

        Path h2dir = Bench.tempDir("onecall-bench-intake-h2-");
        String h2url = "jdbc:h2:file:" + h2dir.resolve("dispatch").toAbsolutePath()
                + Standalone.H2_OPTIONS;
        results.addAll(run("h2", h2dir, h2url, "sa", "", clients, warmup, measure));

        EmbeddedPostgres pg = EmbeddedPostgres.instance();
        PostgresDatabase db = pg.createDatabase("onecall_bench_intake");
        pgNote = EmbeddedPostgres.ENV_URL.equals(pg.source()) ? "server from " + EmbeddedPostgres.ENV_URL
                : "private test cluster (fsync=off, synchronous_commit=off)";
        results.addAll(run("postgres", Bench.tempDir("onecall-bench-intake-pg-"), db.jdbcUrl(), db.user(),
                db.password(), clients, warmup, measure));

        System.out.println();
        System.out.printf("intake: %d closed-loop clients, %.1f s warm-up + %.1f s measured per row%s%n",
                clients, warmup, measure, quick ? " (--quick)" : "");
        System.out.println("PostgreSQL: " + pgNote + "; H2: file database (no fsync per commit)");
        System.out.printf("%-9s %-34s %10s %9s %9s %9s %7s%n", "database", "what", "needs/s", "p50 ms", "p99 ms",
                "max ms", "errors");
        for (Result r : results) {
            System.out.printf("%-9s %-34s %10.0f %9.2f %9.2f %9.1f %7d%n", r.database, r.what, r.perSecond(),
                    r.latency.p50(), r.latency.p99(), r.latency.max(), r.errors);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bench", "intake");
        json.put("quick", quick);
        json.put("clients", clients);
        json.put("measureSeconds", measure);
        json.put("postgres", pgNote);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Result r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("database", r.database);
            row.put("what", r.what.startsWith("HTTP") ? "http" : "raw-jdbc");
            row.put("needsPerSecond", Bench.round(r.perSecond(), 1));
            row.put("p50ms", Bench.round(r.latency.p50(), 3));
            row.put("p99ms", Bench.round(r.latency.p99(), 3));
            row.put("maxMs", Bench.round(r.latency.max(), 3));
            row.put("requests", r.ok);
            row.put("errors", r.errors);
            rows.add(row);
        }
        json.put("results", rows);
        System.out.println(Bench.write(json));
        System.exit(0);
    }

    private static List<Result> run(String database, Path dir, String url, String user, String password, int clients,
                                    double warmup, double measure) throws Exception {
        System.err.printf("intake: starting the standalone product on %s...%n", database);
        try (Standalone app = Bench.start(dir, url, user, password)) {
            DataSource ds = DelegatingDataSource.unwrapDataSource(app.context().getBean(DataSource.class));
            List<Long> households = households(ds);
            String operator = "operator-wang";
            Bench.Http http = new Bench.Http(app.url()).signIn(operator, Bench.DEMO_PASSWORD);
            List<Result> out = new ArrayList<>();

            // the baseline first, so the matcher's work on the HTTP phase's needs cannot slow it down
            System.err.printf("intake: raw JDBC on %s...%n", database);
            Connection[] connections = new Connection[clients];
            for (int i = 0; i < clients; i++) {
                connections[i] = ds.getConnection();
                connections[i].setAutoCommit(false);
            }
            try {
                out.add(measure(database, "raw JDBC need+outbox insert", clients, warmup, measure,
                        (c, random) -> rawInsert(connections[c], households.get(random.nextInt(households.size())))));
            } finally {
                for (Connection c : connections) {
                    c.close();
                }
            }

            System.err.printf("intake: HTTP on %s...%n", database);
            out.add(measure(database, "HTTP POST /api/needs", clients, warmup, measure, (c, random) -> {
                long household = households.get(random.nextInt(households.size()));
                http.post("/api/needs", Map.of("householdId", household, "category", "MEALS", "urgency", "TODAY",
                        "description", "午饭送到家 bench", "separate", true));
            }));
            return out;
        }
    }

    private static List<Long> households(DataSource ds) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id FROM household WHERE community_id = ?")) {
            s.setString(1, Bench.DEMO_COMMUNITY);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("the demo community has no households");
        }
        return ids;
    }

    /**
     * One transaction: a need row and an outbox row, as the service writes at the least. The outbox
     * row is born published, so the running relay leaves it alone (the insert costs the same).
     */
    private static void rawInsert(Connection c, long household) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement need = c.prepareStatement("INSERT INTO need (community_id, household_id, category,"
                + " urgency, description, status, taken_by, source, match_attempt, created_at, updated_at)"
                + " VALUES (?, ?, 'MEALS', 'TODAY', ?, 'CANCELLED', 'bench', 'BENCH', 0, ?, ?)");
             PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox (event_id, topic, msg_key, event_type,"
                     + " payload, created_at, published_at) VALUES (?, 'bench.raw', ?, 'NeedRaised', ?, ?, ?)")) {
            need.setString(1, Bench.DEMO_COMMUNITY);
            need.setLong(2, household);
            need.setString(3, "午饭送到家 bench raw");
            need.setTimestamp(4, now);
            need.setTimestamp(5, now);
            need.executeUpdate();
            UUID id = UUID.randomUUID();
            outbox.setObject(1, id);
            outbox.setString(2, Bench.DEMO_COMMUNITY);
            outbox.setString(3, "{\"eventId\":\"" + id + "\",\"type\":\"NeedRaised\",\"payload\":{\"householdId\":"
                    + household + ",\"category\":\"MEALS\",\"description\":\"午饭送到家 bench raw\"}}");
            outbox.setTimestamp(4, now);
            outbox.setTimestamp(5, now);
            outbox.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    private static Result measure(String database, String what, int clients, double warmupSeconds,
                                  double measureSeconds, Op op) throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (measureSeconds * 1e9);
        long[][] samples = new long[clients][2_000_000 / clients];
        int[] counts = new int[clients];
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                done.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            return null;
                        }
                        boolean ok = true;
                        try {
                            op.run(client, random);
                        } catch (Exception e) {
                            ok = false;
                            if (errors.incrementAndGet() <= 3) {
                                System.err.println("intake: " + what + " failed: " + e);
                            }
                        }
                        long t1 = System.nanoTime();
                        // a request counts when it completed inside the window
                        if (ok && t0 >= measureFrom && t1 <= end && counts[client] < samples[client].length) {
                            samples[client][counts[client]++] = t1 - t0;
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int k = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(samples[c], 0, all, k, counts[c]);
            k += counts[c];
        }
        return new Result(database, what, clients, measureSeconds, total, errors.get(), Bench.Stats.of(all, total));
    }
}
