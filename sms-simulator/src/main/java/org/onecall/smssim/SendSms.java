package org.onecall.smssim;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.onecall.kit.sms.Acs3Signature;
import org.onecall.kit.sms.AlibabaSms;
import org.onecall.kit.sms.SmsTemplate;
import org.onecall.kit.sms.SmsText;

/**
 * The SendSms action as Alibaba Cloud answers it: the request's signature is checked first (a bad
 * one is an HTTP 400 with {@code SignatureDoesNotMatch}, an unknown key a 404), then the business
 * rules (signature name, template, parameters, numbers) answer 200 with an isv.* code. Accepted
 * messages are recorded per phone and a receipt is pushed later.
 */
final class SendSms {

    static final Set<String> SIGN_NAMES = Set.of("一个电话");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(15);
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() { };

    private final SimSettings settings;
    private final Phones phones;
    private final Faults faults;
    private final Callbacks callbacks;
    private final Supplier<String> receiptUrl;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, SmsTemplate> templates = new LinkedHashMap<>();
    private final Map<String, Instant> nonces = new ConcurrentHashMap<>();

    SendSms(SimSettings settings, Phones phones, Faults faults, Callbacks callbacks, Supplier<String> receiptUrl,
            ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.phones = phones;
        this.faults = faults;
        this.callbacks = callbacks;
        this.receiptUrl = receiptUrl;
        this.json = json;
        this.clock = clock;
        for (SmsTemplate t : SmsTemplate.values()) {
            templates.put(t.defaultCode(), t);
        }
    }

    record Answer(int status, Map<String, Object> body) {
    }

    Answer handle(String method, String path, Map<String, String> query, Map<String, String> headers) {
        String requestId = UUID.randomUUID().toString().toUpperCase();
        Answer refused = checkSignature(method, path, query, headers, requestId);
        if (refused != null) {
            return refused;
        }
        if (!AlibabaSms.ACTION.equals(headers.get("x-acs-action")) || !AlibabaSms.VERSION.equals(headers.get("x-acs-version"))) {
            return error(400, requestId, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
        }
        String signName = query.getOrDefault("SignName", "");
        if (!SIGN_NAMES.contains(signName)) {
            return ok(requestId, "isv.SMS_SIGNATURE_ILLEGAL", "该账号下找不到对应签名", null);
        }
        SmsTemplate template = templates.get(query.getOrDefault("TemplateCode", ""));
        if (template == null) {
            return ok(requestId, "isv.SMS_TEMPLATE_ILLEGAL", "该账号下找不到对应模板", null);
        }
        Map<String, String> params;
        try {
            params = query.containsKey("TemplateParam") ? json.readValue(query.get("TemplateParam"), PARAMS) : Map.of();
        } catch (Exception e) {
            return ok(requestId, "isv.INVALID_JSON_PARAM", "JSON参数不合法，只接受字符串值", null);
        }
        if (!params.keySet().containsAll(SmsText.variables(template.text()))) {
            return ok(requestId, "isv.TEMPLATE_MISSING_PARAMETERS", "模板缺少变量", null);
        }
        List<String> numbers = Arrays.stream(query.getOrDefault("PhoneNumbers", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (numbers.isEmpty() || numbers.size() > 1000 || !numbers.stream().allMatch(n -> n.matches("(\\+?86)?1[3-9][0-9]{9}"))) {
            return ok(requestId, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号", null);
        }
        String text = SmsText.shown(signName, SmsText.render(template.text(), params));
        if (text.length() > SmsText.MAX) {
            return ok(requestId, "isv.PARAM_LENGTH_LIMIT", "参数超出长度限制", null);
        }
        List<String> local = numbers.stream().map(n -> n.replaceFirst("^\\+?86", "")).toList();
        if (local.stream().anyMatch(faults::fails)) {
            return ok(requestId, "isp.SYSTEM_ERROR", "系统错误（模拟的故障）", null);
        }
        String bizId = phones.nextId("BIZ");
        Instant now = clock.instant();
        String outId = query.getOrDefault("OutId", "");
        List<Map<String, Object>> receipts = new ArrayList<>();
        for (String phone : local) {
            String id = bizId + "-" + phone;
            phones.add(new SimMessage(id, phone, SimMessage.Direction.IN, text, SmsText.segments(text), signName,
                    template.defaultCode(), params, outId, "SENT", now));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("phone_number", phone);
            r.put("send_time", SmsSimulator.TIME.format(now));
            r.put("report_time", SmsSimulator.TIME.format(now.plus(faults.delay())));
            r.put("success", true);
            r.put("err_code", "DELIVERED");
            r.put("err_msg", "用户接收成功");
            r.put("sms_size", String.valueOf(SmsText.segments(text)));
            r.put("biz_id", bizId);
            r.put("out_id", outId);
            receipts.add(r);
            phones.update(phone, id, "DELIVERED");
        }
        callbacks.push(receiptUrl, receipts, faults.delay());
        return ok(requestId, "OK", "OK", bizId);
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

    private static Answer ok(String requestId, String code, String message, String bizId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Code", code);
        body.put("Message", message);
        if (bizId != null) {
            body.put("BizId", bizId);
        }
        body.put("RequestId", requestId);
        return new Answer(200, body);
    }

    private static Answer error(int status, String requestId, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RequestId", requestId);
        body.put("HostId", "dysmsapi.aliyuncs.com");
        body.put("Code", code);
        body.put("Message", message);
        return new Answer(status, body);
    }
}
