package org.onecall.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash at any moment loses nothing acknowledged: {@code ./run} as its own JVM is killed with SIGKILL
 * (no shutdown hook, no flush) right after it answered 201 for a need, and started again on the same data
 * directory. The need, its household and its history are there. H2 wrote commits to its file within 500 ms
 * by default; this failed (the need, and often the whole database, gone) until commits were written at once.
 */
class StandaloneCrashTest {

    private static final String ADMIN_PASSWORD = "the crash test's admin password";

    @TempDir
    Path dir;

    @Test
    void aNeedAcknowledgedJustBeforeSigkillIsThereAfterTheRestart() throws Exception {
        ChildProduct product = new ChildProduct(dir.resolve("data"), dir.resolve("cwd"), dir.resolve("standalone.log"),
                Map.of("ONECALL_ADMIN_PASSWORD", ADMIN_PASSWORD));
        Process first = product.start();
        long need;
        long household;
        try (Api admin = new Api(product.url()).signIn("admin", ADMIN_PASSWORD)) {
            admin.post("/api/communities", Map.of("id", "crash", "name", "崩溃测试社区"));
            household = Api.id(admin.post("/api/communities/crash/households", Map.of("headName", "钱奶奶",
                    "phone", "13900090001", "building", "1号楼", "address", "1号楼101", "lat", 39.7, "lon", 116.3)));
            need = Api.id(admin.post("/api/needs", Map.of("householdId", household, "category", "MEDICINE",
                    "urgency", "TODAY", "description", "崩溃前刚记下的买药需求", "items", List.of(Map.of("name", "降压药")))));
        } finally {
            first.destroyForcibly(); // SIGKILL: at once, the instant the 201 was read
        }
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));

        Process second = product.start();
        try (Api admin = new Api(product.url()).signIn("admin", ADMIN_PASSWORD)) {
            Map<String, Object> back = admin.get("/api/needs/" + need);
            assertEquals("崩溃前刚记下的买药需求", back.get("description"), back.toString());
            assertEquals(household, ((Number) back.get("householdId")).longValue());
            assertTrue(admin.json("/api/needs/" + need + "/history").toString().contains("NeedRaised"),
                    "its history line too");
        } finally {
            second.destroy();
            second.waitFor(60, TimeUnit.SECONDS);
            second.destroyForcibly();
        }
    }
}
