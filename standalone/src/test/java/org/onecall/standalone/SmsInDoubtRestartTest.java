package org.onecall.standalone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.onecall.testsupport.SimulatedPhones;
import org.onecall.testsupport.SmsSimulatorExtension;

/**
 * The notifier stops while the provider holds a send it has taken (the answer is still on its way):
 * after the start the attempt is in doubt, the provider is asked, and the phone still has exactly one
 * message. The provider (the test's simulator) keeps running across the restart, as a real one does;
 * the databases are files, as in {@link SmsRestartTest}.
 */
@ExtendWith(SmsSimulatorExtension.class)
class SmsInDoubtRestartTest {

    @TempDir
    static Path data;
    static final String ADMIN_PASSWORD = "admin password for the in-doubt restart test";
    private final SimulatedPhones phones = SmsSimulatorExtension.phones();

    @AfterEach
    void resetProvider() {
        phones.reset();
    }

    @Test
    void stopped_while_the_provider_held_a_taken_send_the_phone_has_one_message_after_the_start() {
        String phone = "13800060001";
        long v;
        try (Standalone first = start(); Api api = new Api(first.url()).signIn("admin", ADMIN_PASSWORD)) {
            api.post("/api/communities", Map.of("id", "doubt-restart", "name", "重启存疑社区"));
            long household = Api.id(api.post("/api/communities/doubt-restart/households", Map.of("headName", "冯大爷",
                    "phone", "13900060001", "building", "1号楼", "address", "1号楼2单元301", "lat", 39.7275,
                    "lon", 116.3405)));
            v = SmsInDoubtTest.volunteer(api, "doubt-restart", "冯志愿者", phone, "MEALS");
            // taken, then the answer held far longer than the notifier waits; the receipt comes only later
            phones.loseAnswers(phone, true, Duration.ofSeconds(60), 1);
            phones.delayReceipts(Duration.ofSeconds(60));
            api.post("/api/needs", Map.of("householdId", household, "category", "MEALS", "urgency", "TODAY",
                    "description", "请帮忙"));
            await().atMost(Duration.ofSeconds(60)).until(() -> phones.received(phone).size() == 1);
        }

        try (Standalone second = start(); Api api = new Api(second.url()).signIn("admin", ADMIN_PASSWORD)) {
            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> SmsInDoubtTest.results(api, v).contains("FOUND_AT_PROVIDER"));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("not resolved after the start: " + api.json("/notify/volunteers/" + v + "/log"), e);
            }

            List<String> results = SmsInDoubtTest.results(api, v);
            assertTrue(results.contains("IN_DOUBT"), results.toString());
            assertTrue(!results.contains("SENT") && !results.contains("NOT_AT_PROVIDER"), results.toString());
            assertEquals(1, phones.received(phone).size(), "sent again after the restart: " + phones.received(phone));
            assertEquals("DELIVERED", SmsInDoubtTest.smsLine(api, v).path("status").asText());
        }
    }

    private Standalone start() {
        String h2 = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        Map<String, Object> settings = new HashMap<>(SmsSimulatorExtension.properties());
        settings.putAll(Map.of(
                "micronaut.server.port", -1,
                "onecall.demo.enabled", false,
                "onecall.security.admin-password", ADMIN_PASSWORD,
                // runs at any hour: no quiet hours (QuietHoursTest covers them)
                "onecall.notifier.sms.quiet-hours", "",
                "datasources.default.url", "jdbc:h2:file:" + data.resolve("dispatch").toAbsolutePath() + h2,
                "datasources.notifier.url", "jdbc:h2:file:" + data.resolve("notifier").toAbsolutePath() + h2));
        settings.putAll(Map.of(
                "onecall.notifier.sms.backoff", "100ms",
                "onecall.notifier.sms.retry-poll", "100ms",
                // the stop comes while the notifier waits for the answer; stopping waits for that wait
                // to end (the send runs on the Kafka listener's thread), so it is kept short
                "onecall.sms.timeout", "2s",
                "onecall.notifier.sms.lease", "3s",
                // a question the stopping services cannot answer must not use the attempts up
                "onecall.notifier.sms.max-attempts", 1000));
        Standalone app = Standalone.start(data, 0, settings);
        SmsSimulatorExtension.simulator().receiptsTo(app.url() + "/notify/sms/receipts");
        return app;
    }
}
