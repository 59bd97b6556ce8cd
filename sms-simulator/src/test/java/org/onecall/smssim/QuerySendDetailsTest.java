package org.onecall.smssim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onecall.kit.sms.AlibabaSms;
import org.onecall.kit.sms.SmsProvider;
import org.onecall.kit.sms.SmsSettings;
import org.onecall.kit.sms.SmsTemplate;

/**
 * QuerySendDetails through kit's {@link AlibabaSms} against the simulator over HTTP: signed like
 * SendSms, it finds a message by our out-id on its Beijing day, page by page; and a send whose
 * answer is lost leaves the message on the phone (or not) while the sender sees only a time-out.
 */
class QuerySendDetailsTest {

    static final String SECRET = "query-test-secret";
    static final Map<String, String> HI = Map.of("text", "hi");
    static SmsSimulator sim;

    @BeforeAll
    static void start() {
        sim = SmsSimulator.start(new SimSettings(0, "test-key", SECRET, "cb", "", "", List.of()));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() throws Exception {
        admin("/admin/reset", "{}");
    }

    static SmsProvider provider(String secret, Duration timeout) {
        SmsSettings s = new SmsSettings();
        s.setEndpoint(sim.url());
        s.setAccessKeyId("test-key");
        s.setAccessKeySecret(secret);
        s.setTimeout(timeout);
        return new AlibabaSms(s);
    }

    static LocalDate today() {
        return LocalDate.now(AlibabaSms.ZONE);
    }

    @Test
    void aSentMessageIsFoundByItsOutIdWithItsStatusAndAnotherIsNot() {
        SmsProvider p = provider(SECRET, Duration.ofSeconds(5));
        p.send("13800040001", SmsTemplate.RESIDENT_NOTICE, HI, "d41");

        SmsProvider.Details page = p.details("13800040001", today(), 10, 1);
        assertTrue(page.answered(), page.toString());
        assertEquals(1, page.totalCount());
        SmsProvider.Detail d = page.details().get(0);
        assertEquals("d41", d.outId());
        assertEquals(SmsProvider.Detail.DELIVERED, d.sendStatus());
        assertEquals("【一个电话】hi", d.content());
        assertEquals(SmsTemplate.RESIDENT_NOTICE.defaultCode(), d.templateCode());
        assertEquals("13800040001", d.phone());
        Instant now = Instant.now();
        assertTrue(p.find("13800040001", "d41", now, now).isPresent());
        assertEquals(Optional.empty(), p.find("13800040001", "d42", now, now));
        assertEquals(Optional.empty(), p.find("13800040002", "d41", now, now));
    }

    @Test
    void aWrongSecretIsRefusedAndAnswersNothing() {
        provider(SECRET, Duration.ofSeconds(5)).send("13800040003", SmsTemplate.RESIDENT_NOTICE, HI, "d43");

        SmsProvider wrong = provider("not-the-secret", Duration.ofSeconds(5));
        SmsProvider.Details page = wrong.details("13800040003", today(), 10, 1);
        assertFalse(page.answered());
        assertEquals("SignatureDoesNotMatch", page.code());
        assertTrue(page.details().isEmpty());
        Instant now = Instant.now();
        assertThrows(IllegalStateException.class, () -> wrong.find("13800040003", "d43", now, now));
    }

    @Test
    void pagesOfAtMostFiftyAndFindReadsThemAll() {
        SmsProvider p = provider(SECRET, Duration.ofSeconds(5));
        IntStream.rangeClosed(1, 53).forEach(i -> p.send("13800040004", SmsTemplate.RESIDENT_NOTICE, HI, "o" + i));

        SmsProvider.Details first = p.details("13800040004", today(), 50, 1);
        SmsProvider.Details second = p.details("13800040004", today(), 50, 2);
        assertEquals(53, first.totalCount());
        assertEquals(50, first.details().size());
        assertEquals(List.of("o51", "o52", "o53"), second.details().stream().map(SmsProvider.Detail::outId).toList());
        assertEquals("isv.INVALID_PARAMETERS", p.details("13800040004", today(), 51, 1).code());
        assertEquals("isv.INVALID_PARAMETERS", p.details("13800040004", today(), 10, 0).code());
        Instant now = Instant.now();
        assertEquals("o53", p.find("13800040004", "o53", now, now).orElseThrow().outId());
    }

    @Test
    void theDayIsTheProvidersAndFindAsksEveryDayOfTheSpan() {
        SmsProvider p = provider(SECRET, Duration.ofSeconds(5));
        p.send("13800040005", SmsTemplate.RESIDENT_NOTICE, HI, "d45");

        assertEquals(0, p.details("13800040005", today().minusDays(1), 10, 1).totalCount());
        assertEquals(1, p.details("13800040005", today(), 10, 1).totalCount());
        // an attempt that began on the provider's yesterday is looked for on today too
        Instant now = Instant.now();
        assertTrue(p.find("13800040005", "d45", now.minus(Duration.ofDays(1)), now).isPresent());
        assertEquals(Optional.empty(), p.find("13800040005", "d45", now.minus(Duration.ofDays(2)),
                now.minus(Duration.ofDays(1))));
        assertEquals("isv.INVALID_PARAMETERS", p.details("13800040005", today().plusDays(1), 10, 1).code());
    }

    @Test
    void aLostAnswerAfterAcceptingIsATimeOutButThePhoneHasTheMessageAndTheQuerySaysSo() throws Exception {
        admin("/admin/lost-answers", "{\"phone\":\"13800040006\",\"when\":\"after-accepting\",\"millis\":1500,\"times\":1}");
        SmsProvider p = provider(SECRET, Duration.ofMillis(300));

        assertThrows(UncheckedIOException.class, () -> p.send("13800040006", SmsTemplate.RESIDENT_NOTICE, HI, "d46"));
        Instant now = Instant.now();
        assertEquals(SmsProvider.Detail.DELIVERED, p.find("13800040006", "d46", now, now).orElseThrow().sendStatus());
        assertTrue(p.send("13800040006", SmsTemplate.RESIDENT_NOTICE, HI, "d47").accepted(), "only one answer was lost");
    }

    @Test
    void aLostRequestIsAnAnswerlessCloseAndNothingWasTaken() throws Exception {
        admin("/admin/lost-answers", "{\"phone\":\"13800040007\",\"when\":\"before-accepting\",\"millis\":0,\"times\":1}");
        SmsProvider p = provider(SECRET, Duration.ofSeconds(5));

        assertThrows(UncheckedIOException.class, () -> p.send("13800040007", SmsTemplate.RESIDENT_NOTICE, HI, "d48"));
        Instant now = Instant.now();
        assertEquals(Optional.empty(), p.find("13800040007", "d48", now, now));
    }

    @Test
    void toldToFailQueriesForANumberItAnswersSystemErrorThatManyTimes() throws Exception {
        SmsProvider p = provider(SECRET, Duration.ofSeconds(5));
        p.send("13800040009", SmsTemplate.RESIDENT_NOTICE, HI, "d49");
        admin("/admin/query-failures", "{\"phone\":\"13800040009\",\"times\":1}");

        assertEquals("isp.SYSTEM_ERROR", p.details("13800040009", today(), 10, 1).code());
        assertEquals(1, p.details("13800040009", today(), 10, 1).totalCount());
    }

    @Test
    void badLostAnswersInputIsAProblemNamingTheField() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.url()
                        + "/admin/lost-answers")).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"phone\":\"13800040008\",\"when\":\"sometimes\",\"millis\":10}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
        assertEquals("when", new ObjectMapper().readTree(r.body()).path("errors").get(0).path("field").asText());
    }

    static void admin(String path, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }
}
