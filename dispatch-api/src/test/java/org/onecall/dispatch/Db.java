package org.onecall.dispatch;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.Topics;

/** Plain SQL on the service's database, outside its transactions: what is really committed. */
public final class Db {

    private final DataSource dataSource;

    public Db(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    public long count(String sql, Object... args) {
        return ((Number) rows(sql, args).get(0).values().iterator().next()).longValue();
    }

    /** Each row as column name (lower case) to value, in select order. */
    public List<Map<String, Object>> rows(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, args);
             ResultSet rs = s.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, args)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Rows in the tables an HTTP refusal must leave alone. */
    /** The row count of every table of the service but Flyway's: a refused call must leave all of them alone. */
    public Map<String, Long> everyTable() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Map<String, Object> row : rows("SELECT table_name FROM information_schema.tables"
                + " WHERE LOWER(table_schema) = 'public' AND LOWER(table_type) IN ('table', 'base table')")) {
            String table = ((String) row.get("table_name")).toLowerCase(java.util.Locale.ROOT);
            if (!table.startsWith("flyway")) {
                counts.put(table, count("SELECT COUNT(*) FROM " + table));
            }
        }
        return counts;
    }

    public Map<String, Long> writes() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("need", "need_history", "offer", "outbox", "household", "volunteer")) {
            counts.put(table, count("SELECT COUNT(*) FROM " + table));
        }
        return counts;
    }

    /** The need events of one community in the outbox, in the order they were written. */
    public List<EventEnvelope> outbox(String communityId) {
        List<EventEnvelope> events = new ArrayList<>();
        for (Map<String, Object> row : rows("SELECT payload FROM outbox WHERE topic = ? AND msg_key = ? ORDER BY id",
                Topics.NEEDS, communityId)) {
            events.add(EventJson.read((String) row.get("payload")));
        }
        return events;
    }

    /** The outbox events about one need, in order. */
    public List<EventEnvelope> outbox(String communityId, long needId) {
        return outbox(communityId).stream().filter(e -> e.aggregateId().equals("need-" + needId)).toList();
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
        return s;
    }
}
