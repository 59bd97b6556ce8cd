package org.onecall.standalone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecall.testsupport.SimulatedPhones;

/**
 * A restart in the middle of delivering: an SMS the provider took before the stop is not sent again,
 * and one still being retried is sent exactly once after the start, although the broker may hand
 * the offers to the notifier again.
 */
class SmsRestartTest {

    @TempDir
    static Path data;
    static final String ADMIN_PASSWORD = "admin password for the sms restart test";

    @Test
    void nobody_gets_an_sms_twice_across_a_restart_mid_delivery() {
        String sent = "13800030001";
        String pending = "13800030002";
        long a;
        long b;
        try (Standalone first = start(); Api api = new Api(first.url()).signIn("admin", ADMIN_PASSWORD)) {
            SimulatedPhones phones = new SimulatedPhones(first.smsUrl());
            api.post("/api/communities", Map.of("id", "sms-restart", "name", "重启社区"));
            long household = Api.id(api.post("/api/communities/sms-restart/households", Map.of("headName", "赵大爷",
                    "phone", "13900030001", "building", "1号楼", "address", "1号楼2单元301", "lat", 39.7275,
                    "lon", 116.3405)));
            a = volunteer(api, "李建国", sent, "MEALS");
            b = volunteer(api, "王秀英", pending, "HOME_CARE");
            phones.failNumber(pending, 1000);
            for (String category : List.of("MEALS", "HOME_CARE")) {
                api.post("/api/needs", Map.of("householdId", household, "category", category, "urgency", "TODAY",
                        "description", "请帮忙"));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> phones.received(sent).size() == 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> results(api, b).contains("RETRY"));
        }

        try (Standalone second = start(); Api api = new Api(second.url()).signIn("admin", ADMIN_PASSWORD)) {
            SimulatedPhones phones = new SimulatedPhones(second.smsUrl());
            await().atMost(Duration.ofSeconds(60)).until(() -> phones.received(pending).size() == 1);
            await().until(() -> results(api, b).contains("SENT"));

            assertTrue(phones.received(sent).isEmpty(), "the SMS sent before the stop went again: " + phones.received(sent));
            assertEquals(1, results(api, a).stream().filter("SENT"::equals).count(), results(api, a).toString());
            assertEquals(1, results(api, b).stream().filter("SENT"::equals).count(), results(api, b).toString());
            assertEquals(1, api.json("/notify/volunteers/" + a + "/log").size());
            assertEquals(1, api.json("/notify/volunteers/" + b + "/log").size());
        }
    }

    private static List<String> results(Api api, long volunteer) {
        List<String> out = new ArrayList<>();
        api.json("/notify/volunteers/" + volunteer + "/log").forEach(line ->
                line.path("attempts").forEach(x -> out.add(x.path("result").asText())));
        return out;
    }

    private static long volunteer(Api api, String name, String phone, String skill) {
        long id = Api.id(api.post("/api/communities/sms-restart/volunteers", Map.of("name", name, "phone", phone,
                "skills", List.of(skill), "lat", 39.728, "lon", 116.3405, "maxConcurrentJobs", 2, "onDuty", true)));
        api.put("/notify/volunteers/" + id + "/channels", Map.of("channels", "SMS"));
        return id;
    }

    private Standalone start() {
        String h2 = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        return Standalone.start(data, 0, Map.of(
                "micronaut.server.port", -1,
                "onecall.demo.enabled", false,
                "onecall.security.admin-password", ADMIN_PASSWORD,
                "onecall.notifier.sms.backoff", "100ms",
                "onecall.notifier.sms.retry-poll", "100ms",
                "onecall.notifier.sms.max-attempts", 1000,
                // runs at any hour: no quiet hours (QuietHoursTest covers them)
                "onecall.notifier.sms.quiet-hours", "",
                "datasources.default.url", "jdbc:h2:file:" + data.resolve("dispatch").toAbsolutePath() + h2,
                "datasources.notifier.url", "jdbc:h2:file:" + data.resolve("notifier").toAbsolutePath() + h2));
    }
}
