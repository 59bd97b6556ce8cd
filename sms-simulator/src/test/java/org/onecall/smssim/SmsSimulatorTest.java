package org.onecall.smssim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onecall.kit.sms.AlibabaSms;
import org.onecall.kit.sms.CallbackSignature;
import org.onecall.kit.sms.SmsProvider;
import org.onecall.kit.sms.SmsSettings;
import org.onecall.kit.sms.SmsTemplate;

class SmsSimulatorTest {

    static final String SECRET = "sim-test-secret";
    static final String CALLBACK_SECRET = "callback-test-secret";
    static SmsSimulator sim;
    static HttpServer receiver;
    static final List<Received> received = new CopyOnWriteArrayList<>();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    record Received(String path, String body, String signature) {
    }

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(0), 0);
        receiver.createContext("/", ex -> {
            try (ex) {
                received.add(new Received(ex.getRequestURI().getPath(), new String(ex.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8), ex.getRequestHeaders().getFirst(CallbackSignature.HEADER)));
                byte[] ok = "{\"code\":0,\"msg\":\"接收成功\"}".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, ok.length);
                ex.getResponseBody().write(ok);
            }
        });
        receiver.start();
        String base = "http://localhost:" + receiver.getAddress().getPort();
        sim = SmsSimulator.start(new SimSettings(0, "test-key", SECRET, CALLBACK_SECRET, base + "/receipts",
                base + "/replies", List.of(Duration.ofMillis(100))));
    }

    @AfterAll
    static void stop() {
        sim.close();
        receiver.stop(0);
    }

    @BeforeEach
    void reset() throws Exception {
        admin("POST", "/admin/reset", "{}");
        received.clear();
    }

    static SmsProvider provider(String secret) {
        SmsSettings s = new SmsSettings();
        s.setEndpoint(sim.url());
        s.setAccessKeyId("test-key");
        s.setAccessKeySecret(secret);
        return new AlibabaSms(s);
    }

    @Test
    void aSignedSendIsRecordedWithItsSegmentsAndItsReceiptIsPushedSigned() throws Exception {
        SmsProvider.Sent sent = provider(SECRET).send("13800010001", SmsTemplate.LOGIN_CODE,
                Map.of("code", "123456", "minutes", "5"), "out-1");

        assertTrue(sent.accepted(), sent.toString());
        JsonNode messages = admin("GET", "/admin/messages?phone=13800010001", null);
        assertEquals("【一个电话】您的登录验证码是 123456，5 分钟内有效，请勿告诉他人。", messages.get(0).path("text").asText());
        assertEquals(1, messages.get(0).path("segments").asInt());
        await().until(() -> received.stream().anyMatch(r -> r.path().equals("/receipts")));
        Received receipt = received.stream().filter(r -> r.path().equals("/receipts")).findFirst().orElseThrow();
        assertTrue(CallbackSignature.valid(CALLBACK_SECRET, receipt.body(), receipt.signature()));
        JsonNode r = JSON.readTree(receipt.body()).get(0);
        assertEquals(sent.bizId(), r.path("biz_id").asText());
        assertEquals("out-1", r.path("out_id").asText());
        assertEquals("DELIVERED", r.path("err_code").asText());
        assertTrue(r.path("success").asBoolean());
    }

    @Test
    void aLongMessageCountsSixtySevenCharactersPerSegmentSignatureIncluded() throws Exception {
        String text = "一".repeat(70 - "【一个电话】".length()); // exactly 70 with the signature: one segment
        provider(SECRET).send("13800010002", SmsTemplate.RESIDENT_NOTICE, Map.of("text", text), "a");
        provider(SECRET).send("13800010002", SmsTemplate.RESIDENT_NOTICE, Map.of("text", text + "二"), "b");
        provider(SECRET).send("13800010002", SmsTemplate.RESIDENT_NOTICE, Map.of("text", "三".repeat(134 - 6 + 1)), "c");

        JsonNode messages = admin("GET", "/admin/messages?phone=13800010002", null);
        assertEquals(1, messages.get(0).path("segments").asInt());
        assertEquals(2, messages.get(1).path("segments").asInt());
        assertEquals(3, messages.get(2).path("segments").asInt());
    }

    @Test
    void aWrongSecretIsRefusedLikeTheProviderAndNothingIsRecorded() throws Exception {
        SmsProvider.Sent sent = provider("not-the-secret").send("13800010003", SmsTemplate.LOGIN_CODE,
                Map.of("code", "1", "minutes", "5"), "x");

        assertFalse(sent.accepted());
        assertEquals("SignatureDoesNotMatch", sent.code());
        assertEquals(0, admin("GET", "/admin/messages?phone=13800010003", null).size());
    }

    @Test
    void businessRulesAnswerIsvCodes() {
        assertEquals("isv.MOBILE_NUMBER_ILLEGAL", provider(SECRET).send("010-12345678", SmsTemplate.LOGIN_CODE,
                Map.of("code", "1", "minutes", "5"), "x").code());
        assertEquals("isv.TEMPLATE_MISSING_PARAMETERS", provider(SECRET).send("13800010004", SmsTemplate.LOGIN_CODE,
                Map.of("code", "1"), "x").code());
    }

    @Test
    void toldToFailANumberItFailsThatManyTimesThenDelivers() throws Exception {
        admin("POST", "/admin/failures", "{\"phone\":\"13800010005\",\"times\":2}");
        SmsProvider p = provider(SECRET);
        Map<String, String> params = Map.of("text", "hi");

        assertEquals("isp.SYSTEM_ERROR", p.send("13800010005", SmsTemplate.RESIDENT_NOTICE, params, "1").code());
        assertEquals("isp.SYSTEM_ERROR", p.send("13800010005", SmsTemplate.RESIDENT_NOTICE, params, "2").code());
        assertTrue(p.send("13800010005", SmsTemplate.RESIDENT_NOTICE, params, "3").accepted());
        assertTrue(p.send("13800010006", SmsTemplate.RESIDENT_NOTICE, params, "4").accepted());
        assertEquals(1, admin("GET", "/admin/messages?phone=13800010005", null).size());
    }

    @Test
    void aShareOfOneFailsEverySend() throws Exception {
        admin("POST", "/admin/failures", "{\"share\":1}");
        assertEquals("isp.SYSTEM_ERROR", provider(SECRET).send("13800010007", SmsTemplate.RESIDENT_NOTICE,
                Map.of("text", "hi"), "1").code());
    }

    @Test
    void anInjectedReplyIsShownOnThePhoneAndPushedAsSmsUp() throws Exception {
        JsonNode answer = admin("POST", "/admin/replies", "{\"phone\":\"13800010008\",\"content\":\"1\"}");

        await().until(() -> received.stream().anyMatch(r -> r.path().equals("/replies")));
        Received up = received.stream().filter(r -> r.path().equals("/replies")).findFirst().orElseThrow();
        assertTrue(CallbackSignature.valid(CALLBACK_SECRET, up.body(), up.signature()));
        JsonNode r = JSON.readTree(up.body()).get(0);
        assertEquals("13800010008", r.path("phone_number").asText());
        assertEquals("1", r.path("content").asText());
        assertEquals(answer.path("sequence_id").asText(), r.path("sequence_id").asText());
        assertEquals("OUT", admin("GET", "/admin/messages?phone=13800010008", null).get(0).path("direction").asText());
    }

    @Test
    void badAdminInputIsAProblemNamingTheField() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sim.url() + "/admin/failures"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"share\":2}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
        assertEquals("share", JSON.readTree(r.body()).path("errors").get(0).path("field").asText());
    }

    static JsonNode admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.url() + path));
        b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }
}
