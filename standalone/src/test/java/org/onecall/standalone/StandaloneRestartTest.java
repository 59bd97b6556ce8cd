package org.onecall.standalone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data survives a restart: the H2 files and the broker's log under the data directory carry the
 * needs, their history, the notifier's deliveries and the matcher's resource index (rebuilt from
 * the compacted topic) across a stop and start.
 */
class StandaloneRestartTest {

    private static final String ADMIN_PASSWORD = "admin password for the restart test";

    @TempDir
    Path data;

    @Test
    void needs_history_deliveries_and_the_matchers_index_survive_a_restart() {
        long needId;
        long volunteer;
        long household;
        try (Standalone first = start(); Api api = new Api(first.url()).signIn("admin", ADMIN_PASSWORD)) {
            api.post("/api/communities", Map.of("id", "restart-test", "name", "重启社区"));
            household = Api.id(api.post("/api/communities/restart-test/households", Map.of("headName", "赵大爷",
                    "phone", "13900020001", "building", "1号楼", "address", "1号楼2单元301", "lat", 39.7275,
                    "lon", 116.3405)));
            volunteer = Api.id(api.post("/api/communities/restart-test/volunteers", Map.of("name", "李建国",
                    "phone", "13800010001", "skills", List.of("MEALS"), "lat", 39.728, "lon", 116.3405,
                    "maxConcurrentJobs", 2, "onDuty", true)));
            needId = Api.id(api.post("/api/needs", Map.of("householdId", household, "category", "MEALS",
                    "urgency", "TODAY", "description", "午饭送餐")));
            await().atMost(Duration.ofSeconds(20)).until(() -> "OFFERED".equals(api.get("/api/needs/" + needId).get("status")));
            await().atMost(Duration.ofSeconds(20)).until(() -> !api.list("/notify/volunteers/" + volunteer + "/deliveries").isEmpty());
        }

        try (Standalone second = start(); Api api = new Api(second.url()).signIn("admin", ADMIN_PASSWORD)) {
            assertEquals("OFFERED", api.get("/api/needs/" + needId).get("status"));
            assertEquals(3, api.list("/api/needs/" + needId + "/history").size());
            assertEquals(1, api.list("/notify/volunteers/" + volunteer + "/deliveries").size());

            // the loop goes on where it stopped
            long offerId = ((Number) api.list("/api/volunteers/" + volunteer + "/offers").get(0).get("offerId")).longValue();
            assertEquals("ASSIGNED", api.post("/api/offers/" + offerId + "/accept", Map.of("volunteerId", volunteer))
                    .get("status"));

            // a new need is matched from the index the matcher rebuilt from the compacted topic alone
            // dinner is a new need although lunch is still open: without "separate" it would be a repeat call
            long next = Api.id(api.post("/api/needs", Map.of("householdId", household, "category", "MEALS",
                    "urgency", "TODAY", "description", "晚饭送餐", "separate", true)));
            await().atMost(Duration.ofSeconds(30)).until(() -> "OFFERED".equals(api.get("/api/needs/" + next).get("status")));
            assertEquals(2, api.list("/api/volunteers/" + volunteer + "/offers").size());
        }
    }

    private Standalone start() {
        String h2 = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        return Standalone.start(data, 0, Map.of(
                "micronaut.server.port", -1,
                "onecall.demo.enabled", false,
                "onecall.security.admin-password", ADMIN_PASSWORD,
                "datasources.default.url", "jdbc:h2:file:" + data.resolve("dispatch").toAbsolutePath() + h2,
                "datasources.notifier.url", "jdbc:h2:file:" + data.resolve("notifier").toAbsolutePath() + h2));
    }
}
