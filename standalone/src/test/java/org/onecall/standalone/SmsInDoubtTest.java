package org.onecall.standalone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.onecall.testsupport.SimulatedPhones;

/**
 * An SMS whose answer is lost is in doubt: the notifier asks the provider (QuerySendDetails) before
 * sending again. Taken already: recorded as the provider has it, the phone has one message. Never
 * taken: sent again, the phone has one message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmsInDoubtTest {

    private static final String COMMUNITY = "sms-doubt";
    private static final String ADMIN_PASSWORD = "admin password for the in-doubt test";

    @TempDir
    static Path data;
    private Standalone app;
    private Api admin;
    private SimulatedPhones phones;
    private long household;

    @BeforeAll
    void start() {
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(60));
        app = Standalone.start(data, 0, SmsStandaloneSettings.of("sms-doubt", ADMIN_PASSWORD, Map.of(
                // the notifier gives up waiting for the provider's answer long before the simulator lets go
                "onecall.sms.timeout", "1s",
                "onecall.notifier.sms.lease", "4s",
                // a "not there" is believed only for an attempt older than this (asked again until then)
                "onecall.notifier.sms.provider-lag", "1500ms",
                "onecall.notifier.sms.max-attempts", 5)));
        admin = new Api(app.url()).signIn("admin", ADMIN_PASSWORD);
        phones = new SimulatedPhones(app.smsUrl());
        admin.post("/api/communities", Map.of("id", COMMUNITY, "name", "存疑社区"));
        household = Api.id(admin.post("/api/communities/" + COMMUNITY + "/households", Map.of("headName", "周大爷",
                "phone", "13900050001", "building", "1号楼", "address", "1号楼2单元301", "lat", 39.7275, "lon", 116.3405)));
    }

    @AfterAll
    void stop() {
        org.awaitility.Awaitility.reset();
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void resetFaults() {
        phones.reset();
    }

    @Test
    void taken_by_the_provider_but_the_answer_timed_out_found_there_and_not_sent_again() {
        String phone = "13800050001";
        long v = volunteer(admin, COMMUNITY, "吴志愿者", phone, "MEALS");
        phones.loseAnswers(phone, true, Duration.ofSeconds(3), 1);
        // the receipt comes after the question, so it is the question that settles the doubt here
        phones.delayReceipts(Duration.ofSeconds(4));
        raise("MEALS");

        await().until(() -> results(admin, v).contains("FOUND_AT_PROVIDER"));
        assertEquals(List.of("IN_DOUBT", "FOUND_AT_PROVIDER"), results(admin, v));
        assertEquals(1, phones.received(phone).size(), "sent twice: " + phones.received(phone));
        JsonNode line = smsLine(admin, v);
        assertEquals("DELIVERED", line.path("status").asText(), line.toString());
        assertTrue(line.path("attempts").get(1).path("detail").asText().startsWith("found at the provider, not sent again"),
                line.toString());
    }

    @Test
    void lost_before_the_provider_took_it_not_found_there_and_sent_once_more() {
        String phone = "13800050002";
        long v = volunteer(admin, COMMUNITY, "郑志愿者", phone, "HOME_CARE");
        phones.loseAnswers(phone, false, Duration.ZERO, 1);
        raise("HOME_CARE");

        await().until(() -> results(admin, v).contains("SENT"));
        assertEquals(List.of("IN_DOUBT", "NOT_AT_PROVIDER", "SENT"), results(admin, v).subList(0, 3));
        assertEquals(1, phones.received(phone).size(), phones.received(phone).toString());
        JsonNode attempts = smsLine(admin, v).path("attempts");
        Duration believedAfter = Duration.between(java.time.Instant.parse(attempts.get(0).path("at").asText()),
                java.time.Instant.parse(attempts.get(1).path("at").asText()));
        assertTrue(believedAfter.compareTo(Duration.ofSeconds(1)) >= 0,
                "a fresh \"not there\" was believed before the provider-lag: " + attempts);
        await().until(() -> results(admin, v).contains("RECEIPT_DELIVERED"));
        assertEquals("DELIVERED", smsLine(admin, v).path("status").asText());
    }

    @Test
    void still_in_doubt_past_the_attempts_limit_not_resent_but_fallen_back_and_a_late_receipt_settles_it() {
        String phone = "13800050003";
        long v = volunteer(admin, COMMUNITY, "王志愿者", phone, "COUNSELLING");
        phones.loseAnswers(phone, true, Duration.ofSeconds(3), 1);
        phones.failQueries(phone, 1000);
        // the receipt comes once the notifier gave up asking
        phones.delayReceipts(Duration.ofSeconds(8));
        raise("COUNSELLING");

        await().until(() -> results(admin, v).contains("FALLBACK"));
        // max-attempts 5: the lost answer, three questions that failed, the last one given up
        assertEquals(List.of("IN_DOUBT", "QUERY_FAILED", "QUERY_FAILED", "QUERY_FAILED", "FAILED", "FALLBACK"),
                results(admin, v));
        JsonNode attempts = smsLine(admin, v).path("attempts");
        assertTrue(attempts.get(4).path("detail").asText().contains("given up, not sent again"), attempts.toString());
        assertTrue(attempts.get(5).path("detail").asText().startsWith("SMS still in doubt after 5 attempts"),
                attempts.toString());
        assertEquals(1, phones.received(phone).size(), "resent blindly: " + phones.received(phone));

        await().until(() -> smsLine(admin, v).path("status").asText().equals("DELIVERED"));
        assertTrue(smsLine(admin, v).path("attempts").get(6).path("detail").asText().contains("settles the attempt in doubt"));
        assertEquals(1, phones.received(phone).size());
    }

    private void raise(String category) {
        admin.post("/api/needs", Map.of("householdId", household, "category", category, "urgency", "TODAY",
                "description", "请帮忙"));
    }

    static JsonNode smsLine(Api api, long volunteer) {
        for (JsonNode line : api.json("/notify/volunteers/" + volunteer + "/log")) {
            if (line.path("channel").asText().equals("SMS")) {
                return line;
            }
        }
        throw new AssertionError("no SMS to volunteer " + volunteer);
    }

    /** The results of every attempt on every message to the volunteer, oldest message first. */
    static List<String> results(Api api, long volunteer) {
        List<String> out = new ArrayList<>();
        List<JsonNode> lines = new ArrayList<>();
        api.json("/notify/volunteers/" + volunteer + "/log").forEach(lines::add);
        for (int i = lines.size() - 1; i >= 0; i--) {
            lines.get(i).path("attempts").forEach(x -> out.add(x.path("result").asText()));
        }
        return out;
    }

    static long volunteer(Api api, String community, String name, String phone, String skill) {
        long id = Api.id(api.post("/api/communities/" + community + "/volunteers", Map.of("name", name, "phone", phone,
                "skills", List.of(skill), "lat", 39.728, "lon", 116.3405, "maxConcurrentJobs", 2, "onDuty", true)));
        api.put("/notify/volunteers/" + id + "/channels", Map.of("channels", "SMS"));
        return id;
    }
}
