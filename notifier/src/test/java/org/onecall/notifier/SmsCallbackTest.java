package org.onecall.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.kit.sms.CallbackSignature;
import org.onecall.testsupport.KafkaBrokerExtension;

/**
 * The provider's callbacks prove themselves with the shared secret; a receipt lands in the delivery
 * log, and settles a delivery whose send is in doubt.
 */
@MicronautTest(environments = {NotifierApp.ENVIRONMENT, "test"}, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(KafkaBrokerExtension.class)
class SmsCallbackTest implements TestPropertyProvider {

    static final String CALLBACK_SECRET = "notifier-test-callback-secret";

    @Inject
    EmbeddedServer server;
    @Inject
    DeliveryRepository deliveries;
    @Inject
    SmsDeliveryRepository sms;
    @Inject
    DeliveryAttemptRepository attempts;

    private final HttpClient client = HttpClient.newHttpClient();

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers(),
                "datasources.notifier.url", DeliveryFlowTest.h2Url());
    }

    @Test
    void aCallbackWithoutTheRightSignatureIsRefusedAndChangesNothing() throws Exception {
        String body = "[{\"biz_id\":\"BIZ-X\",\"success\":true,\"err_code\":\"DELIVERED\"}]";
        assertEquals(401, post("/notify/sms/receipts", body, null).statusCode());
        assertEquals(401, post("/notify/sms/receipts", body, CallbackSignature.of("another-secret", body)).statusCode());
        assertEquals(401, post("/notify/sms/replies", "[]", CallbackSignature.of("another-secret", "[]")).statusCode());
    }

    @Test
    void aSignedReceiptMarksTheSmsDeliveredAndIsLogged() throws Exception {
        Delivery d = deliveries.save(new Delivery(null, UUID.randomUUID(), Deliveries.SMS, "volunteer-70", "OfferMade", 5,
                "{}", Instant.now()));
        sms.save(new SmsDelivery(d.id(), SmsDelivery.SENT, 1, null, "BIZ-70", 1, false, Instant.now()));
        String body = "[{\"phone_number\":\"13800000070\",\"success\":true,\"err_code\":\"DELIVERED\",\"err_msg\":\"用户接收成功\","
                + "\"biz_id\":\"BIZ-70\",\"out_id\":\"d" + d.id() + "\"}]";

        HttpResponse<String> r = post("/notify/sms/receipts", body, CallbackSignature.of(CALLBACK_SECRET, body));

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(SmsDelivery.DELIVERED, sms.findById(d.id()).orElseThrow().status());
        assertEquals("RECEIPT_DELIVERED", attempts.findByDeliveryIdInOrderById(java.util.List.of(d.id())).get(0).result());
    }

    @Test
    void aReceiptSettlesADeliveryInDoubtButNotOneWhoseSendIsStillInFlight() throws Exception {
        Instant now = Instant.now();
        Delivery lost = deliveries.save(new Delivery(null, UUID.randomUUID(), Deliveries.SMS, "volunteer-71", "OfferMade", 6,
                "{}", now));
        // the answer to the send was lost: in doubt, to be asked about in a while
        sms.save(new SmsDelivery(lost.id(), SmsDelivery.PENDING, 1, now.plusSeconds(60), null, 1, false, now,
                now.minusSeconds(5), true));
        Delivery inFlight = deliveries.save(new Delivery(null, UUID.randomUUID(), Deliveries.SMS, "volunteer-72", "OfferMade",
                7, "{}", now));
        // claimed and sending right now: the receipt has overtaken the answer
        sms.save(new SmsDelivery(inFlight.id(), SmsDelivery.PENDING, 0, now.plusSeconds(30), null, 1, false, now, now, false));

        HttpResponse<String> settled = post("/notify/sms/receipts", receipt(lost.id(), "BIZ-71"),
                CallbackSignature.of(CALLBACK_SECRET, receipt(lost.id(), "BIZ-71")));
        HttpResponse<String> early = post("/notify/sms/receipts", receipt(inFlight.id(), "BIZ-72"),
                CallbackSignature.of(CALLBACK_SECRET, receipt(inFlight.id(), "BIZ-72")));

        assertEquals(200, settled.statusCode(), settled.body());
        SmsDelivery d = sms.findById(lost.id()).orElseThrow();
        assertEquals(SmsDelivery.DELIVERED, d.status());
        assertEquals("BIZ-71", d.providerId(), "QuerySendDetails does not tell the provider's id: the receipt does");
        assertEquals(null, d.sendingSince());
        DeliveryAttempt line = attempts.findByDeliveryIdInOrderById(java.util.List.of(lost.id())).get(0);
        assertEquals("RECEIPT_DELIVERED", line.result());
        assertTrue(line.detail().contains("settles the attempt in doubt"), line.detail());
        assertEquals(503, early.statusCode(), "pushed again later, once the send's answer is recorded");
        assertEquals(SmsDelivery.PENDING, sms.findById(inFlight.id()).orElseThrow().status());
    }

    private static String receipt(long deliveryId, String bizId) {
        return "[{\"phone_number\":\"13800000071\",\"success\":true,\"err_code\":\"DELIVERED\",\"err_msg\":\"用户接收成功\","
                + "\"biz_id\":\"" + bizId + "\",\"out_id\":\"d" + deliveryId + "\"}]";
    }

    private HttpResponse<String> post(String path, String body, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            b.header(CallbackSignature.HEADER, signature);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
