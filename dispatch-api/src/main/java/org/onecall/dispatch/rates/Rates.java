package org.onecall.dispatch.rates;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.onecall.dispatch.community.Community;
import org.onecall.dispatch.community.ServedCommunities;
import org.onecall.kit.Refusal;
import org.onecall.kit.security.Caller;
import org.onecall.kit.security.CurrentCaller;

/**
 * The three rates (三率) Beijing's 12345 judges streets by, computed from the recorded history of the
 * needs raised in a period. Definitions (also in docs/rates.md):
 * <ul>
 *   <li><b>needs raised</b>: needs recorded in the period, except those cancelled (withdrawn, never owed);</li>
 *   <li><b>响应率 response rate</b>: raised needs whose first offer was accepted by their service target
 *       (the due time set when the need was raised; with no due time, accepted at all) ÷ needs raised;</li>
 *   <li><b>解决率 resolution rate</b>: raised needs now CLOSED (the resident confirmed it solved, or it was
 *       closed after escalation) ÷ needs raised;</li>
 *   <li><b>满意率 satisfaction rate</b>: call-back answers on those needs rating 4 or 5 and solved ÷ all
 *       call-back answers on them (a need reopened and rated again counts twice);</li>
 *   <li><b>times</b> to accept, arrive and close: minutes from raising to the first acceptance, the first
 *       arrival and the closing, median and 90th percentile (nearest rank) of the needs that got there.</li>
 * </ul>
 * A rate with nothing to divide by is null ("no data"), never 0 or 100%; nulls are written out, not left out.
 */
@Singleton
public class Rates {

    private final JdbcOperations jdbc;
    private final ServedCommunities served;
    private final CurrentCaller caller;

    Rates(JdbcOperations jdbc, ServedCommunities served, CurrentCaller caller) {
        this.jdbc = jdbc;
        this.served = served;
        this.caller = caller;
    }

    /** One need raised in the period, with the moments that count. */
    record Fact(long needId, String communityId, @Nullable String grid, String status, Instant raisedAt,
                @Nullable Instant dueAt, @Nullable Instant acceptedAt, @Nullable Instant arrivedAt,
                @Nullable Instant closedAt, int answers, int satisfied, int complaints) {

        boolean respondedInTime() {
            return acceptedAt != null && (dueAt == null || !acceptedAt.isAfter(dueAt));
        }

        boolean resolved() {
            return status.equals("CLOSED");
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Times(@Nullable Long median, @Nullable Long p90, int count) {
        static Times of(List<Long> minutes) {
            if (minutes.isEmpty()) {
                return new Times(null, null, 0);
            }
            List<Long> sorted = minutes.stream().sorted().toList();
            return new Times(rank(sorted, 50), rank(sorted, 90), sorted.size());
        }

        private static long rank(List<Long> sorted, int percent) {
            int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, index));
        }
    }

    /**
     * One row of the report: a street, a community or a grid. {@code rank} orders grids by
     * {@code score}, the mean of their three rates (those with data).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Row(String level, @Nullable String id, String name, @Nullable String communityId, int raised,
               int respondedInTime, int resolved, int answers, int satisfied, int complaints,
               @Nullable Double responseRate, @Nullable Double resolutionRate, @Nullable Double satisfactionRate,
               @Nullable Double score, @Nullable Integer rank, Times toAccept, Times toArrive, Times toClose) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Day(LocalDate date, int raised, @Nullable Double responseRate, @Nullable Double resolutionRate,
               @Nullable Double satisfactionRate) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Report(LocalDate from, LocalDate to, String timeZone, Row total, List<Row> streets,
                  List<Row> communities, List<Row> grids, List<Day> days) {
    }

    /** {@code communityId} or {@code streetId} narrow the report; the caller's scope always does. */
    @Transactional(readOnly = true)
    public Report report(Period period, ZoneId zone, @Nullable String communityId, @Nullable String streetId) {
        Caller c = caller.get().orElseThrow(() -> Refusal.unauthorized("sign in first"));
        Map<String, Community> communities = served.of(c).stream()
                .filter(x -> communityId == null || x.id().equals(communityId))
                .filter(x -> streetId == null || streetId.equals(x.street()))
                .collect(Collectors.toMap(Community::id, Function.identity(), (a, b) -> a, TreeMap::new));
        if (communityId != null && communities.isEmpty()) {
            throw Refusal.forbidden("you do not serve community " + communityId);
        }
        Set<String> grids = c.gridLimited() ? c.grids() : null;
        List<Fact> facts = communities.isEmpty() ? List.of()
                : facts(communities.keySet(), period).stream()
                .filter(f -> grids == null || (f.grid() != null && grids.contains(f.grid()))).toList();
        Map<String, String> gridNames = gridNames(communities.keySet());
        Map<String, String> streetNames = streetNames();

        Map<String, List<Fact>> byStreet = new TreeMap<>();
        Map<String, List<Fact>> byCommunity = new TreeMap<>();
        Map<String, List<Fact>> byGrid = new TreeMap<>();
        for (Fact f : facts) {
            Community community = communities.get(f.communityId());
            if (community.street() != null) {
                byStreet.computeIfAbsent(community.street(), k -> new ArrayList<>()).add(f);
            }
            byCommunity.computeIfAbsent(f.communityId(), k -> new ArrayList<>()).add(f);
            byGrid.computeIfAbsent(f.communityId() + "\u0000" + (f.grid() == null ? "" : f.grid()),
                    k -> new ArrayList<>()).add(f);
        }
        List<Row> streetRows = byStreet.entrySet().stream().map(e -> row("STREET", e.getKey(),
                streetNames.getOrDefault(e.getKey(), e.getKey()), null, e.getValue(), null)).toList();
        List<Row> communityRows = byCommunity.entrySet().stream().map(e -> row("COMMUNITY", e.getKey(),
                communities.get(e.getKey()).name(), e.getKey(), e.getValue(), null)).toList();
        List<Row> gridRows = new ArrayList<>(byGrid.entrySet().stream().map(e -> {
            String[] key = e.getKey().split("\u0000", -1);
            String code = key[1].isEmpty() ? null : key[1];
            String name = code == null ? "未分网格" : gridNames.getOrDefault(key[0] + "\u0000" + code, code);
            return row("GRID", code, communities.get(key[0]).name() + " · " + name, key[0], e.getValue(), null);
        }).toList());
        gridRows.sort(Comparator.comparing((Row r) -> r.score() == null ? -1 : r.score()).reversed()
                .thenComparing(Row::name));
        List<Row> ranked = new ArrayList<>();
        for (int i = 0; i < gridRows.size(); i++) {
            Row r = gridRows.get(i);
            ranked.add(row(r.level(), r.id(), r.name(), r.communityId(), byGrid.get(r.communityId() + "\u0000"
                    + (r.id() == null ? "" : r.id())), i + 1));
        }
        return new Report(period.from(), period.to(), zone.getId(), row("TOTAL", null, "合计", null, facts, null),
                streetRows, communityRows, ranked, days(facts, period, zone));
    }

    private static Row row(String level, @Nullable String id, String name, @Nullable String communityId,
                           List<Fact> facts, @Nullable Integer rank) {
        int raised = facts.size();
        int inTime = (int) facts.stream().filter(Fact::respondedInTime).count();
        int resolved = (int) facts.stream().filter(Fact::resolved).count();
        int answers = facts.stream().mapToInt(Fact::answers).sum();
        int satisfied = facts.stream().mapToInt(Fact::satisfied).sum();
        int complaints = facts.stream().mapToInt(Fact::complaints).sum();
        Double response = ratio(inTime, raised);
        Double resolution = ratio(resolved, raised);
        Double satisfaction = ratio(satisfied, answers);
        List<Double> known = new ArrayList<>();
        for (Double d : new Double[] {response, resolution, satisfaction}) {
            if (d != null) {
                known.add(d);
            }
        }
        Double score = known.isEmpty() ? null
                : Math.round(known.stream().mapToDouble(Double::doubleValue).average().orElseThrow() * 10) / 10.0;
        return new Row(level, id, name, communityId, raised, inTime, resolved, answers, satisfied, complaints,
                response, resolution, satisfaction, score, rank,
                Times.of(minutes(facts, Fact::acceptedAt)), Times.of(minutes(facts, Fact::arrivedAt)),
                Times.of(minutes(facts, Fact::closedAt)));
    }

    private static List<Day> days(List<Fact> facts, Period period, ZoneId zone) {
        Map<LocalDate, List<Fact>> byDay = new LinkedHashMap<>();
        for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
            byDay.put(d, new ArrayList<>());
        }
        facts.forEach(f -> byDay.get(LocalDate.ofInstant(f.raisedAt(), zone)).add(f));
        return byDay.entrySet().stream().map(e -> {
            Row r = row("DAY", null, "", null, e.getValue(), null);
            return new Day(e.getKey(), r.raised(), r.responseRate(), r.resolutionRate(), r.satisfactionRate());
        }).toList();
    }

    private static List<Long> minutes(List<Fact> facts, Function<Fact, Instant> step) {
        return facts.stream().filter(f -> step.apply(f) != null)
                .map(f -> java.time.Duration.between(f.raisedAt(), step.apply(f)).toMinutes()).toList();
    }

    /** A percentage with one decimal, or null when there is nothing to divide by. */
    static Double ratio(int part, int whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }

    private List<Fact> facts(Set<String> communityIds, Period period) {
        String in = communityIds.stream().map(x -> "?").collect(Collectors.joining(","));
        String needs = "n.community_id IN (" + in + ") AND n.created_at >= ? AND n.created_at < ?"
                + " AND n.status <> 'CANCELLED'";
        Map<Long, Map<String, Instant>> firsts = new HashMap<>();
        jdbc.prepareStatement("SELECT x.need_id, x.event_type, MIN(x.occurred_at) FROM need_history x"
                + " JOIN need n ON n.id = x.need_id WHERE " + needs
                + " AND x.event_type IN ('OfferAccepted', 'VolunteerArrived', 'NeedClosed')"
                + " GROUP BY x.need_id, x.event_type", ps -> {
            bind(ps, communityIds, period);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    firsts.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                            .put(rs.getString(2), rs.getTimestamp(3).toInstant());
                }
            }
            return null;
        });
        return jdbc.prepareStatement("SELECT n.id, n.community_id, h.grid, n.status, n.created_at, n.due_at,"
                + " (SELECT COUNT(*) FROM feedback f WHERE f.need_id = n.id),"
                + " (SELECT COUNT(*) FROM feedback f WHERE f.need_id = n.id AND f.rating >= 4 AND f.solved = TRUE),"
                + " (SELECT COUNT(*) FROM complaint k WHERE k.need_id = n.id)"
                + " FROM need n JOIN household h ON h.id = n.household_id WHERE " + needs + " ORDER BY n.id", ps -> {
            bind(ps, communityIds, period);
            List<Fact> list = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Instant> f = firsts.getOrDefault(rs.getLong(1), Map.of());
                    Timestamp due = rs.getTimestamp(6);
                    list.add(new Fact(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), due == null ? null : due.toInstant(),
                            f.get("OfferAccepted"), f.get("VolunteerArrived"), f.get("NeedClosed"),
                            rs.getInt(7), rs.getInt(8), rs.getInt(9)));
                }
            }
            return list;
        });
    }

    private static void bind(PreparedStatement ps, Set<String> communityIds, Period period) throws SQLException {
        int i = 1;
        for (String id : communityIds) {
            ps.setString(i++, id);
        }
        ps.setTimestamp(i++, Timestamp.from(period.start()));
        ps.setTimestamp(i, Timestamp.from(period.end()));
    }

    private Map<String, String> gridNames(Set<String> communityIds) {
        return jdbc.prepareStatement("SELECT community_id, code, name FROM grid", ps -> {
            Map<String, String> names = new HashMap<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (communityIds.contains(rs.getString(1))) {
                        names.put(rs.getString(1) + "\u0000" + rs.getString(2), rs.getString(3));
                    }
                }
            }
            return names;
        });
    }

    private Map<String, String> streetNames() {
        return jdbc.prepareStatement("SELECT id, name FROM street", ps -> {
            Map<String, String> names = new HashMap<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getString(1), rs.getString(2));
                }
            }
            return names;
        });
    }
}
