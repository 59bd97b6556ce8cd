package org.onecall.smssim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.onecall.kit.sms.Acs3Signature;
import org.onecall.kit.sms.AlibabaSms;

/**
 * {@code POST /} as Alibaba Cloud answers it: the request's signature is checked first (a bad one is
 * an HTTP 400 with {@code SignatureDoesNotMatch}, an unknown key a 404), then the {@code x-acs-action}
 * header picks SendSms or QuerySendDetails.
 */
final class Rpc {

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(15);

    private final SimSettings settings;
    private final SendSms sendSms;
    private final QuerySendDetails querySendDetails;
    private final Clock clock;
    private final Map<String, Instant> nonces = new ConcurrentHashMap<>();

    Rpc(SimSettings settings, SendSms sendSms, QuerySendDetails querySendDetails, Clock clock) {
        this.settings = settings;
        this.sendSms = sendSms;
        this.querySendDetails = querySendDetails;
        this.clock = clock;
    }

    /**
     * What to answer; with {@code dropAfter} set, nothing: the connection is closed after that long, as
     * when the provider's answer is lost on the way (a fault injected through the admin API).
     */
    record Answer(int status, Map<String, Object> body, Duration dropAfter) {
        Answer(int status, Map<String, Object> body) {
            this(status, body, null);
        }
    }

    Answer handle(String method, String path, Map<String, String> query, Map<String, String> headers) {
        String requestId = UUID.randomUUID().toString().toUpperCase();
        Answer refused = checkSignature(method, path, query, headers, requestId);
        if (refused != null) {
            return refused;
        }
        String action = headers.get("x-acs-action");
        if (!AlibabaSms.VERSION.equals(headers.get("x-acs-version"))) {
            return unknownAction(requestId);
        }
        if (AlibabaSms.ACTION.equals(action)) {
            return sendSms.handle(query, requestId);
        }
        if (AlibabaSms.QUERY_ACTION.equals(action)) {
            return querySendDetails.handle(query, requestId);
        }
        return unknownAction(requestId);
    }

    private static Answer unknownAction(String requestId) {
        return error(400, requestId, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
    }

    private Answer checkSignature(String method, String path, Map<String, String> query, Map<String, String> headers,
                                  String requestId) {
        var parsed = Acs3Signature.parse(headers.get("authorization"));
        if (parsed.isEmpty()) {
            return error(400, requestId, "IncompleteSignature", "The request signature does not conform to Aliyun standards.");
        }
        if (!settings.accessKeyId().equals(parsed.get().accessKeyId())) {
            return error(404, requestId, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        }
        SortedMap<String, String> signed = new TreeMap<>();
        for (String name : parsed.get().signedHeaders()) {
            String value = headers.get(name);
            if (value == null) {
                return error(400, requestId, "IncompleteSignature", "A signed header is missing: " + name);
            }
            signed.put(name, value);
        }
        if (!signed.keySet().containsAll(List.of("host", "x-acs-action", "x-acs-date", "x-acs-signature-nonce",
                "x-acs-content-sha256"))) {
            return error(400, requestId, "IncompleteSignature", "host and the x-acs-* headers must be signed.");
        }
        String expected = Acs3Signature.signature(settings.accessKeySecret(), method, path, query, signed);
        if (!Acs3Signature.same(expected, parsed.get().signature())) {
            return error(400, requestId, "SignatureDoesNotMatch", "Specified signature does not match our calculation.");
        }
        Instant date;
        try {
            date = Instant.parse(headers.get("x-acs-date"));
        } catch (DateTimeParseException e) {
            return error(400, requestId, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
        }
        Instant now = clock.instant();
        if (Duration.between(date, now).abs().compareTo(CLOCK_SKEW) > 0) {
            return error(400, requestId, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
        }
        nonces.values().removeIf(seen -> seen.isBefore(now.minus(CLOCK_SKEW)));
        if (nonces.putIfAbsent(headers.get("x-acs-signature-nonce"), now) != null) {
            return error(400, requestId, "SignatureNonceUsed", "Specified signature nonce was used already.");
        }
        return null;
    }

    /** A business answer: HTTP 200 with the provider's code ("OK" or an isv.* one) and what else it carries. */
    static Answer ok(String requestId, String code, String message, Map<String, Object> more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Code", code);
        body.put("Message", message);
        body.putAll(more);
        body.put("RequestId", requestId);
        return new Answer(200, body);
    }

    /** A refusal of the request itself (signature, action, a missing parameter). */
    static Answer error(int status, String requestId, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RequestId", requestId);
        body.put("HostId", "dysmsapi.aliyuncs.com");
        body.put("Code", code);
        body.put("Message", message);
        return new Answer(status, body);
    }
}
