package org.onecall.dispatch.volunteer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.testsupport.PostgresDatabase;
import org.onecall.testsupport.PostgresExtension;

/**
 * V7 on a database that already holds duplicates (registered before the rule), on H2 and PostgreSQL:
 * phones take the one stored form, every later copy is marked, and the constraint then holds.
 */
@ExtendWith(PostgresExtension.class)
class UniqueMigrationTest {

    @Test
    void onH2() throws SQLException {
        String url = "jdbc:h2:mem:v7" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        migrate(url, "sa", "");
    }

    @Test
    void onPostgres() throws SQLException {
        PostgresDatabase db = PostgresExtension.databaseFor(UniqueMigrationTest.class);
        migrate(db.jdbcUrl(), db.user(), db.password());
    }

    private static void migrate(String url, String user, String password) throws SQLException {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/dispatch").target("6").load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("INSERT INTO community (id, name, created_at) VALUES ('a', 'A', CURRENT_TIMESTAMP),"
                    + " ('b', 'B', CURRENT_TIMESTAMP)");
            String[][] rows = {{"a", "13800010001"}, {"a", "+8613800010001"}, {"a", "13800010001"},
                    {"b", "13800010001"}, {"a", "+861069200004"}, {"a", "+86021123456789"}, {"a", "008613900000001"}};
            for (String[] r : rows) {
                s.execute("INSERT INTO volunteer (community_id, name, phone, skills, lat, lon, on_duty, active,"
                        + " max_concurrent_jobs, active_jobs, created_at, updated_at) VALUES ('" + r[0] + "', '某',"
                        + " '" + r[1] + "', 'MEALS', 39.7, 116.3, TRUE, TRUE, 1, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            }
            for (String name : List.of("兴华大药房", "兴华大药房", "超市")) {
                s.execute("INSERT INTO merchant (community_id, name, categories, lat, lon, is_open, daily_capacity,"
                        + " created_at) VALUES ('a', '" + name + "', 'MEDICINE', 39.7, 116.3, TRUE, 10, CURRENT_TIMESTAMP)");
            }
        }
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/dispatch").target("7").load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            assertEquals(List.of("13800010001", "13800010001#dup2", "13800010001#dup3", "13800010001",
                    "01069200004", "021123456789", "13900000001"), column(s, "SELECT phone FROM volunteer ORDER BY id"));
            assertEquals(List.of("兴华大药房", "兴华大药房 #dup2", "超市"), column(s, "SELECT name FROM merchant ORDER BY id"));
            assertThrows(SQLException.class, () -> s.execute("INSERT INTO volunteer (community_id, name, phone,"
                    + " skills, lat, lon, on_duty, active, max_concurrent_jobs, active_jobs, created_at, updated_at)"
                    + " VALUES ('a', '某', '13900000001', 'MEALS', 39.7, 116.3, TRUE, TRUE, 1, 0, CURRENT_TIMESTAMP,"
                    + " CURRENT_TIMESTAMP)"));
        }
    }

    private static List<String> column(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
