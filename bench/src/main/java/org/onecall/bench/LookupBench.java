package org.onecall.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.onecall.dispatch.household.PhoneNumbers;
import org.onecall.dispatch.household.SearchIndex;
import org.onecall.dispatch.household.SearchText;
import org.onecall.testsupport.EmbeddedPostgres;
import org.onecall.testsupport.PostgresDatabase;

/**
 * The operator's look-up at scale: N households in one community (the worst case: a real
 * community has 1,600–3,000; one street's worth in one place), on H2 and on a real PostgreSQL,
 * schema by the real Flyway migrations. Measures dispatch-api's own query code
 * ({@link SearchIndex}: phone by E.164, name/address substring through the token index) against
 * a plain {@code LIKE '%x%'} on the same rows in the same run, and checks that both answer the
 * same households.
 */
final class LookupBench {

    private static final String COMMUNITY = "bench";
    private static final int LIMIT = 20;
    private static final String[] SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤".split("");
    private static final String GIVEN = "建国秀英伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉兰萍红梅鹏飞鑫波宇浩凯秀珍淑珍凤兰志强海燕德华福生文华金凤春梅永刚立新晓东";
    private static final String[] COMPOUND_A = {"兴华", "康庄", "清源", "枣园", "黄村", "林校", "金星", "车站", "富强",
            "双河", "海子角", "三合", "滨河", "观音寺", "永华", "兴政", "兴丰", "建兴", "育龙", "康顺"};
    private static final String[] COMPOUND_B = {"南里", "北里", "东里", "西里", "小区", "家园"};

    record Home(long id, String head, List<String> residents, String compound, int building, int unit, String room,
                String mobile, String landline) {
        String place() {
            return compound + building + "号楼";
        }

        String address() {
            return "北京市大兴区" + place() + unit + "单元" + room;
        }
    }

    record Stats(int n, double p50, double p99, double mean) {
        String json() {
            return String.format(Locale.ROOT, "{\"n\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"mean_ms\":%.3f}", n, p50, p99,
                    mean);
        }
    }

    private interface Query {
        List<Long> run(Connection c, String input) throws SQLException;
    }

    static void run(boolean quick) throws Exception {
        int households = quick ? 5_000 : 100_000;
        int indexRuns = quick ? 200 : 2000;
        int likeRuns = quick ? 40 : 200;
        long started = System.nanoTime();
        List<Home> homes = generate(households, new Random(42));
        Map<String, Map<String, Stats>> results = new LinkedHashMap<>();
        long mismatches = 0;
        long tokens = 0;

        // a file database, as standalone runs it (./data): 100k households do not fit a 1 GB heap in memory
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("onecall-bench-h2-");
        String h2 = "jdbc:h2:file:" + dir.resolve("dispatch")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        log("H2 (file in %s): loading %,d households", dir, households);
        try (Connection c = DriverManager.getConnection(h2, "sa", "")) {
            migrate(h2, "sa", "");
            tokens = load(c, homes);
            Measured m = measure(c, homes, indexRuns, likeRuns);
            results.put("h2", m.stats);
            mismatches += m.mismatches;
        } finally {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }

        log("PostgreSQL: starting");
        EmbeddedPostgres pg = EmbeddedPostgres.instance();
        PostgresDatabase db = pg.createDatabase("bench_lookup");
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        log("PostgreSQL (%s): loading %,d households", pg.source(), households);
        try (Connection c = DriverManager.getConnection(url, db.user(), db.password())) {
            migrate(url, db.user(), db.password());
            load(c, homes);
            Measured m = measure(c, homes, indexRuns, likeRuns);
            results.put("postgresql", m.stats);
            mismatches += m.mismatches;
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "Look-up among %,d households in one community (%,d search tokens); ms per query%n",
                households, tokens);
        System.out.printf(Locale.ROOT, "%-11s %-8s %-16s %7s %9s %9s%n", "database", "kind", "method", "runs", "p50 ms",
                "p99 ms");
        StringBuilder json = new StringBuilder();
        json.append(String.format(Locale.ROOT, "{\"bench\":\"lookup\",\"households\":%d,\"tokens\":%d,\"limit\":%d,",
                households, tokens, LIMIT));
        for (var dbEntry : results.entrySet()) {
            json.append('"').append(dbEntry.getKey()).append("\":{");
            List<String> parts = new ArrayList<>();
            for (var e : dbEntry.getValue().entrySet()) {
                String[] kindMethod = e.getKey().split("/");
                Stats s = e.getValue();
                System.out.printf(Locale.ROOT, "%-11s %-8s %-16s %7d %9.3f %9.3f%n", dbEntry.getKey(), kindMethod[0],
                        kindMethod[1].equals("index") ? "index" : "LIKE '%x%'", s.n, s.p50, s.p99);
                parts.add("\"" + e.getKey() + "\":" + s.json());
            }
            json.append(String.join(",", parts)).append("},");
        }
        json.append("\"mismatches\":").append(mismatches).append(",\"seconds\":")
                .append(String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9)).append('}');
        System.out.printf("index and LIKE answered differently: %d times%n", mismatches);
        System.out.println(json);
        if (mismatches > 0) {
            System.exit(1);
        }
    }

    record Measured(Map<String, Stats> stats, long mismatches) {
    }

    private static Measured measure(Connection c, List<Home> homes, int indexRuns, int likeRuns) throws SQLException {
        Random random = new Random(7);
        List<String> phones = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> places = new ArrayList<>();
        for (int i = 0; i < indexRuns; i++) {
            Home h = homes.get(random.nextInt(homes.size()));
            phones.add(i % 10 == 9 ? "139" + (10_000_000 + random.nextInt(89_999_999)) : spoken(h, random));
            names.add(switch (i % 3) {
                case 0 -> h.head();
                case 1 -> h.head().substring(1); // the given name
                default -> h.residents().isEmpty() ? h.head().substring(0, 2) : h.residents().get(0);
            });
            places.add(switch (i % 5) {
                case 0 -> h.compound();
                case 1 -> h.place();
                case 2 -> h.room();
                case 3 -> h.compound().substring(0, 2);
                default -> h.place() + h.unit() + "单元" + h.room();
            });
        }
        Query phoneIndex = (conn, q) -> PhoneNumbers.isSubscriberNumber(q)
                ? SearchIndex.bySubscriberNumber(conn, PhoneNumbers.digitsOf(q), COMMUNITY, LIMIT)
                : SearchIndex.byPhone(conn, PhoneNumbers.normalise(q).e164(), COMMUNITY, LIMIT);
        Query phoneLike = (conn, q) -> {
            String digits = PhoneNumbers.digitsOf(q).replaceFirst("^(0086|86)", "").replaceFirst("^0", "");
            return like(conn, "SELECT DISTINCT household_id FROM household_phone WHERE e164 LIKE ?"
                    + " ORDER BY household_id LIMIT " + LIMIT, "%" + digits + "%", false);
        };
        Query textIndex = (conn, q) -> SearchIndex.byText(conn, COMMUNITY, q, LIMIT);
        Query textLike = (conn, q) -> like(conn, "SELECT id FROM household WHERE community_id = ?"
                + " AND search_text LIKE ? ESCAPE '\\' ORDER BY id LIMIT " + LIMIT, SearchText.likePattern(q), true);

        Map<String, Stats> stats = new LinkedHashMap<>();
        long mismatches = 0;
        mismatches += compare(c, "phone", phones, phoneIndex, phoneLike, likeRuns, stats, indexRuns);
        mismatches += compare(c, "name", names, textIndex, textLike, likeRuns, stats, indexRuns);
        mismatches += compare(c, "address", places, textIndex, textLike, likeRuns, stats, indexRuns);
        return new Measured(stats, mismatches);
    }

    /** Times both methods on the same inputs (the LIKE on the first {@code likeRuns}) and compares answers. */
    private static long compare(Connection c, String kind, List<String> inputs, Query index, Query like, int likeRuns,
                                Map<String, Stats> into, int indexRuns) throws SQLException {
        for (int i = 0; i < Math.min(200, inputs.size()); i++) {
            index.run(c, inputs.get(i)); // warm up: JIT, caches
        }
        for (int i = 0; i < Math.min(10, likeRuns); i++) {
            like.run(c, inputs.get(i));
        }
        long[] t = new long[indexRuns];
        List<List<Long>> answers = new ArrayList<>();
        for (int i = 0; i < indexRuns; i++) {
            long s = System.nanoTime();
            List<Long> ids = index.run(c, inputs.get(i));
            t[i] = System.nanoTime() - s;
            answers.add(ids);
        }
        long[] b = new long[likeRuns];
        long mismatches = 0;
        for (int i = 0; i < likeRuns; i++) {
            long s = System.nanoTime();
            List<Long> ids = like.run(c, inputs.get(i));
            b[i] = System.nanoTime() - s;
            if (!ids.equals(answers.get(i))) {
                mismatches++;
                log("MISMATCH %s %s: index %s, LIKE %s", kind, inputs.get(i), answers.get(i), ids);
            }
        }
        into.put(kind + "/index", stats(t));
        into.put(kind + "/like", stats(b));
        return mismatches;
    }

    private static List<Long> like(Connection c, String sql, String pattern, boolean community) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (community) {
                ps.setString(i++, COMMUNITY);
            }
            ps.setString(i, pattern);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    private static Stats stats(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0) / 1e6;
        return new Stats(s.length, s[(int) Math.round(0.50 * (s.length - 1))] / 1e6,
                s[(int) Math.round(0.99 * (s.length - 1))] / 1e6, mean);
    }

    /** A number the way a caller or caller ID might give it. */
    private static String spoken(Home h, Random r) {
        if (h.landline() != null && r.nextBoolean()) {
            String sub = h.landline();
            return switch (r.nextInt(4)) {
                case 0 -> "010-" + sub.substring(0, 4) + "-" + sub.substring(4);
                case 1 -> "(010)" + sub;
                case 2 -> "+86 10 " + sub;
                default -> sub; // without the area code
            };
        }
        String m = h.mobile();
        return switch (r.nextInt(4)) {
            case 0 -> m;
            case 1 -> m.substring(0, 3) + " " + m.substring(3, 7) + " " + m.substring(7);
            case 2 -> "+86 " + m;
            default -> "0086-" + m.substring(0, 3) + "-" + m.substring(3, 7) + "-" + m.substring(7);
        };
    }

    private static List<Home> generate(int n, Random r) {
        List<Home> homes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String surname = SURNAMES[r.nextInt(Math.min(SURNAMES.length, 20 + r.nextInt(SURNAMES.length - 19)))];
            List<String> residents = new ArrayList<>();
            int count = r.nextInt(3);
            for (int k = 0; k < count; k++) {
                residents.add((k == 0 ? surname : SURNAMES[r.nextInt(SURNAMES.length)]) + given(r));
            }
            String compound = COMPOUND_A[r.nextInt(COMPOUND_A.length)] + COMPOUND_B[r.nextInt(COMPOUND_B.length)];
            String room = (1 + r.nextInt(18)) + String.format("%02d", 1 + r.nextInt(4));
            String mobile = "1" + (3 + r.nextInt(7)) + String.format("%09d", r.nextInt(1_000_000_000));
            String landline = r.nextInt(10) < 4 ? "6" + String.format("%07d", r.nextInt(10_000_000)) : null;
            homes.add(new Home(i + 1, surname + given(r), residents, compound, 1 + r.nextInt(30), 1 + r.nextInt(6),
                    room, mobile, landline));
        }
        return homes;
    }

    private static String given(Random r) {
        int a = r.nextInt(GIVEN.length());
        return r.nextBoolean() ? GIVEN.substring(a, a + 1)
                : GIVEN.substring(a, a + 1) + GIVEN.charAt(r.nextInt(GIVEN.length()));
    }

    private static void migrate(String url, String user, String password) {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/dispatch").load().migrate();
    }

    /**
     * Rows as dispatch-api's Households.register writes them (same tokens, same search text), in
     * JDBC batches: going through HTTP would measure the loading, not the look-up.
     */
    private static long load(Connection c, List<Home> homes) throws SQLException {
        long started = System.nanoTime();
        c.setAutoCommit(false);
        Timestamp now = Timestamp.from(Instant.now());
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO community (id, name, created_at) VALUES ('" + COMMUNITY + "', '兴华', CURRENT_TIMESTAMP)");
        }
        long tokens = 0;
        try (PreparedStatement hh = c.prepareStatement("INSERT INTO household (id, community_id, grid, head_name, phone,"
                + " building, address, lat, lon, created_at, compound, building_no, unit_no, room_no, tags, contact_consent,"
                + " updated_at, search_text, indexed_version) VALUES (?, ?, 'grid-1', ?, ?, ?, ?, 39.72, 116.34, ?, ?, ?, ?,"
                + " ?, 'ELDERLY', TRUE, ?, ?, ?)");
             PreparedStatement ph = c.prepareStatement("INSERT INTO household_phone (household_id, e164, local_number,"
                     + " kind, label, position, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?)");
             PreparedStatement rs = c.prepareStatement("INSERT INTO resident (household_id, name, relation, position)"
                     + " VALUES (?, ?, 'CHILD', ?)");
             PreparedStatement tk = c.prepareStatement(
                     "INSERT INTO household_token (community_id, token, household_id) VALUES (?, ?, ?)")) {
            int n = 0;
            for (Home h : homes) {
                List<String> names = new ArrayList<>();
                names.add(h.head());
                names.addAll(h.residents());
                List<String> places = List.of(h.address(), h.place());
                hh.setLong(1, h.id());
                hh.setString(2, COMMUNITY);
                hh.setString(3, h.head());
                hh.setString(4, "+86" + h.mobile());
                hh.setString(5, h.place());
                hh.setString(6, h.address());
                hh.setTimestamp(7, now);
                hh.setString(8, h.compound());
                hh.setString(9, h.building() + "号楼");
                hh.setString(10, h.unit() + "单元");
                hh.setString(11, h.room());
                hh.setTimestamp(12, now);
                hh.setString(13, SearchText.document(names, places));
                hh.setInt(14, SearchText.VERSION);
                hh.addBatch();
                phone(ph, h.id(), PhoneNumbers.normalise(h.mobile()), 0, now);
                if (h.landline() != null) {
                    phone(ph, h.id(), PhoneNumbers.normalise("010" + h.landline()), 1, now);
                }
                for (int k = 0; k < h.residents().size(); k++) {
                    rs.setLong(1, h.id());
                    rs.setString(2, h.residents().get(k));
                    rs.setInt(3, k);
                    rs.addBatch();
                }
                Set<String> set = SearchText.tokens(names, places);
                for (String t : set) {
                    tk.setString(1, COMMUNITY);
                    tk.setString(2, t);
                    tk.setLong(3, h.id());
                    tk.addBatch();
                }
                tokens += set.size();
                if (++n % 1000 == 0) {
                    hh.executeBatch();
                    ph.executeBatch();
                    rs.executeBatch();
                    tk.executeBatch();
                }
            }
            hh.executeBatch();
            ph.executeBatch();
            rs.executeBatch();
            tk.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE"); // fresh statistics, as autovacuum would have them in production
        }
        log("  loaded %,d households, %,d tokens in %.1f s", homes.size(), tokens, (System.nanoTime() - started) / 1e9);
        return tokens;
    }

    private static void phone(PreparedStatement ph, long id, PhoneNumbers.Normalised n, int position, Timestamp now)
            throws SQLException {
        ph.setLong(1, id);
        ph.setString(2, n.e164());
        ph.setString(3, n.localNumber());
        ph.setString(4, n.kind().name());
        ph.setInt(5, position);
        ph.setTimestamp(6, now);
        ph.addBatch();
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }

    private LookupBench() {
    }
}
