package org.onecall.smssim;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.onecall.kit.sms.SmsTemplate;
import org.onecall.kit.sms.SmsText;

/**
 * The SendSms action as Alibaba Cloud answers it once {@link Rpc} checked the signature: the business
 * rules (signature name, template, parameters, numbers) answer 200 with an isv.* code. Accepted
 * messages are recorded per phone and a receipt is pushed later.
 */
final class SendSms {

    static final Set<String> SIGN_NAMES = Set.of("一个电话");
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() { };

    private final Phones phones;
    private final Faults faults;
    private final Callbacks callbacks;
    private final Supplier<String> receiptUrl;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, SmsTemplate> templates = new LinkedHashMap<>();

    SendSms(Phones phones, Faults faults, Callbacks callbacks, Supplier<String> receiptUrl,
            ObjectMapper json, Clock clock) {
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

    Rpc.Answer handle(Map<String, String> query, String requestId) {
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
        Faults.Loss loss = local.stream().map(faults::loss).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (loss != null && !loss.afterAccepting()) {
            return new Rpc.Answer(0, Map.of(), loss.hold());
        }
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
        if (loss != null) {
            return new Rpc.Answer(0, Map.of(), loss.hold());
        }
        return ok(requestId, "OK", "OK", bizId);
    }

    private static Rpc.Answer ok(String requestId, String code, String message, String bizId) {
        return Rpc.ok(requestId, code, message, bizId == null ? Map.of() : Map.of("BizId", bizId));
    }
}
