package org.onecall.dispatch.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import io.micronaut.data.connection.ConnectionOperations;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onecall.dispatch.community.Community;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.dispatch.household.NewHousehold.NewResident;
import org.onecall.dispatch.household.NewHousehold.PhoneInput;

/**
 * The household store's SQL, run by a subclass on H2 and on PostgreSQL: the schema, the token
 * index, the phone look-ups, and the V1 → V2 migration of existing data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HouseholdStoreContract {

    static final String COMMUNITY = "store";

    @Inject
    Households households;
    @Inject
    CommunityRepository communities;
    @Inject
    HouseholdRepository repository;
    @Inject
    ConnectionOperations<Connection> connections;
    @Inject
    Clock clock;
    @Inject
    TransactionOperations<Connection> tx;

    /** A JDBC URL (with user and password) of an empty database of the same kind, for the migration test. */
    abstract String[] emptyDatabase();

    @BeforeAll
    void community() {
        communities.save(new Community(COMMUNITY, "兴华南里", null, clock.instant()));
        communities.save(new Community("elsewhere", "康庄", null, clock.instant()));
    }

    static NewHousehold household(String name, String compound, String building, String room, String... phones) {
        return new NewHousehold(name, null, List.of(phones).stream().map(p -> new PhoneInput(p, null, null)).toList(),
                compound, building, "1单元", room, null, "grid-1", 39.72, 116.34, List.of(VulnerabilityTag.ELDERLY),
                "普通话", null, true, List.of(new NewResident(name + "之子", Relation.CHILD, 1970)));
    }

    @Test
    void tokens_are_written_with_the_household_and_drive_the_search() {
        Household h = households.register(COMMUNITY, household("韩梅梅", "望京花园", "3号楼", "1203", "13911110001"));
        assertTrue(count("SELECT COUNT(*) FROM household_token WHERE household_id = " + h.id()) > 10);
        assertEquals(List.of(h.id()), ids(households.search(COMMUNITY, "望京花", 20)));
        assertEquals(List.of(h.id()), ids(households.search(COMMUNITY, "韩梅梅之子", 20)));
        assertEquals(List.of(h.id()), ids(households.search(COMMUNITY, "1203", 20)));
        assertTrue(households.search("elsewhere", "望京花", 20).isEmpty(), "another community's index");
        assertTrue(households.search(COMMUNITY, "望京花园4号", 20).isEmpty());
    }

    @Test
    void search_walks_the_rarest_token_and_stops_at_the_limit() {
        for (int i = 0; i < 30; i++) {
            households.register(COMMUNITY, household("林" + i, "松榆里", (i % 3 + 1) + "号楼", "10" + i,
                    "1391112" + String.format("%04d", i)));
        }
        List<Household> page = households.search(COMMUNITY, "松榆里", 7);
        assertEquals(7, page.size());
        assertTrue(page.stream().allMatch(h -> h.address().contains("松榆里")));
        List<Household> second = households.search(COMMUNITY, "松榆里2号楼", 50);
        assertEquals(10, second.size());
        assertTrue(second.stream().allMatch(h -> h.building().equals("松榆里2号楼")));
    }

    @Test
    void phones_are_found_by_e164_and_by_the_number_without_area_code() {
        Household h = households.register(COMMUNITY, household("李雷", "望京花园", "5号楼", "501",
                "0755-8888-0001", "+86 139 1111 0002"));
        assertEquals(List.of(h.id()), ids(households.byPhone("(0755)88880001")));
        assertEquals(List.of(h.id()), ids(households.byPhone("88880001")));
        assertEquals(List.of(h.id()), ids(households.byPhone("13911110002")));
        assertEquals(List.of(h.id()), ids(households.byPhone("13911110002", COMMUNITY)));
        assertTrue(households.byPhone("13911110002", "elsewhere").isEmpty());
    }

    @Test
    void replacing_a_household_leaves_no_stale_tokens_phones_or_residents() {
        Household h = households.register(COMMUNITY, household("王芳", "金台里", "1号楼", "101", "13911110011"));
        households.replace(h.id(), household("王芳", "团结湖", "2号楼", "202", "13911110012"));
        assertTrue(households.search(COMMUNITY, "金台里", 20).isEmpty());
        assertEquals(List.of(h.id()), ids(households.search(COMMUNITY, "团结湖", 20)));
        assertEquals(1, count("SELECT COUNT(*) FROM household_phone WHERE household_id = " + h.id()));
        assertEquals(1, count("SELECT COUNT(*) FROM resident WHERE household_id = " + h.id()));
        assertTrue(households.byPhone("13911110011").isEmpty());
    }

    @Test
    void a_failure_after_the_first_write_rolls_everything_back() {
        long before = count("SELECT COUNT(*) FROM household_token");
        long households0 = count("SELECT COUNT(*) FROM household");
        try {
            tx.executeWrite(status -> {
                households.register(COMMUNITY, household("回滚", "望京花园", "9号楼", "909", "13911110021"));
                throw new IllegalStateException("the caller's transaction fails later");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertEquals(before, count("SELECT COUNT(*) FROM household_token"));
        assertEquals(households0, count("SELECT COUNT(*) FROM household"));
    }

    @Test
    void rows_indexed_by_an_older_tokeniser_are_reindexed() {
        Household h = households.register(COMMUNITY, household("赵敏", "光华里", "6号楼", "606", "13911110031"));
        exec("DELETE FROM household_token WHERE household_id = " + h.id());
        exec("UPDATE household SET indexed_version = 0, search_text = '' WHERE id = " + h.id());
        assertTrue(households.search(COMMUNITY, "光华里", 20).isEmpty());
        while (households.reindexStale() > 0) {
            // until done
        }
        assertEquals(List.of(h.id()), ids(households.search(COMMUNITY, "光华里", 20)));
        assertEquals(List.of(h.id()), ids(households.search(COMMUNITY, "赵敏之子", 20)), "residents too");
    }

    @Test
    void the_migration_brings_v1_phones_into_e164_and_the_phone_table() throws Exception {
        String[] db = emptyDatabase();
        Flyway.configure().dataSource(db[0], db[1], db[2]).locations("classpath:db/dispatch").target("1").load()
                .migrate();
        try (Connection c = DriverManager.getConnection(db[0], db[1], db[2]); Statement s = c.createStatement()) {
            s.execute("INSERT INTO community (id, name, created_at) VALUES ('v1', 'v1', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO household (community_id, head_name, phone, building, address, lat, lon, created_at)"
                    + " VALUES ('v1', '赵大爷', '13900020001', '1号楼', '1号楼2单元301', 39.7, 116.3, CURRENT_TIMESTAMP),"
                    + " ('v1', '李爷爷', '01069200004', '4号楼', '4号楼1单元602', 39.7, 116.3, CURRENT_TIMESTAMP),"
                    + " ('v1', '深圳', '075588880001', '5号楼', '5号楼', 39.7, 116.3, CURRENT_TIMESTAMP)");
            Flyway.configure().dataSource(db[0], db[1], db[2]).locations("classpath:db/dispatch").load().migrate();
            try (ResultSet rs = s.executeQuery("SELECT h.phone, p.e164, p.local_number, p.kind, h.indexed_version"
                    + " FROM household h JOIN household_phone p ON p.household_id = h.id ORDER BY h.id")) {
                String[][] expected = {{"+8613900020001", "13900020001", "MOBILE"},
                        {"+861069200004", "69200004", "LANDLINE"}, {"+8675588880001", "88880001", "LANDLINE"}};
                for (String[] e : expected) {
                    assertTrue(rs.next());
                    assertEquals(e[0], rs.getString(1));
                    assertEquals(e[0], rs.getString(2));
                    assertEquals(e[1], rs.getString(3));
                    assertEquals(e[2], rs.getString(4));
                    assertEquals(0, rs.getInt(5), "left for the start-up re-index");
                }
                assertTrue(!rs.next());
            }
        }
    }

    long count(String sql) {
        return connections.executeRead(status -> {
            try (Statement s = status.getConnection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    void exec(String sql) {
        connections.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                return s.execute(sql);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static List<Long> ids(List<Household> list) {
        return list.stream().map(Household::id).toList();
    }
}
