package org.onecall.standalone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecall.testsupport.SimulatedPhones;

/**
 * An attempt whose claim lapses before its answer is recorded (what a crash leaves behind; here the
 * provider holds a taken send past the claim) is in doubt: the next attempt asks the provider, finds
 * the message and sends nothing; the late answer of the first attempt then changes nothing.
 */
class SmsLapsedClaimTest {

    private static final String ADMIN_PASSWORD = "admin password for the lapsed claim test";

    @TempDir
    static Path data;

    @Test
    void a_claim_that_lapses_mid_send_is_in_doubt_and_the_message_is_found_not_resent() {
        String phone = "13800070001";
        try (Standalone app = Standalone.start(data, 0, SmsStandaloneSettings.of("sms-lapsed", ADMIN_PASSWORD, Map.of(
                "onecall.sms.timeout", "4s",
                // shorter than the send: the retry timer finds the claim lapsed while the first attempt still waits
                "onecall.notifier.sms.lease", "1s")));
             Api admin = new Api(app.url()).signIn("admin", ADMIN_PASSWORD)) {
            SimulatedPhones phones = new SimulatedPhones(app.smsUrl());
            admin.post("/api/communities", Map.of("id", "sms-lapsed", "name", "租约社区"));
            long household = Api.id(admin.post("/api/communities/sms-lapsed/households", Map.of("headName", "陈大爷",
                    "phone", "13900070001", "building", "1号楼", "address", "1号楼2单元301", "lat", 39.7275,
                    "lon", 116.3405)));
            long v = SmsInDoubtTest.volunteer(admin, "sms-lapsed", "陈志愿者", phone, "MEALS");
            phones.loseAnswers(phone, true, Duration.ofSeconds(8), 1);
            phones.delayReceipts(Duration.ofSeconds(60));
            admin.post("/api/needs", Map.of("householdId", household, "category", "MEALS", "urgency", "TODAY",
                    "description", "请帮忙"));

            await().atMost(Duration.ofSeconds(60)).until(() -> SmsInDoubtTest.results(admin, v).contains("FOUND_AT_PROVIDER"));
            JsonNode line = SmsInDoubtTest.smsLine(admin, v);
            assertEquals(List.of("IN_DOUBT", "FOUND_AT_PROVIDER"), SmsInDoubtTest.results(admin, v));
            assertTrue(line.path("attempts").get(0).path("detail").asText().contains("ended without a recorded answer"),
                    line.toString());
            // the first attempt gives up waiting 4 s after it began: that must neither undo nor resend
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() ->
                    SmsInDoubtTest.smsLine(admin, v).path("status").asText().equals("DELIVERED")
                            && phones.received(phone).size() == 1
                            && SmsInDoubtTest.results(admin, v).equals(List.of("IN_DOUBT", "FOUND_AT_PROVIDER")));
        }
    }
}
