package org.onecall.smssim;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.onecall.kit.sms.AlibabaSms;
import org.onecall.kit.sms.SmsProvider;

/**
 * The QuerySendDetails action as Alibaba Cloud answers it once {@link Rpc} checked the signature:
 * the messages sent to one number on one Beijing day (the last 30 only), optionally of one BizId,
 * a page at a time (at most 50), each with its OutId and where it stands (1 waiting for the
 * carrier's receipt, 2 failed, 3 delivered).
 */
final class QuerySendDetails {

    private static final DateTimeFormatter SEND_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final int DAYS_KEPT = 30;

    private final Phones phones;
    private final Faults faults;
    private final Clock clock;

    QuerySendDetails(Phones phones, Faults faults, Clock clock) {
        this.phones = phones;
        this.faults = faults;
        this.clock = clock;
    }

    Rpc.Answer handle(Map<String, String> query, String requestId) {
        for (String required : List.of("PhoneNumber", "SendDate", "PageSize", "CurrentPage")) {
            if (query.getOrDefault(required, "").isBlank()) {
                return Rpc.error(400, requestId, "Missing" + required, required + " is mandatory for this action.");
            }
        }
        String phone = query.get("PhoneNumber").trim();
        if (!phone.matches("(\\+?86)?1[3-9][0-9]{9}")) {
            return Rpc.ok(requestId, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号", Map.of());
        }
        LocalDate day;
        int pageSize;
        int page;
        try {
            day = LocalDate.parse(query.get("SendDate"), SEND_DATE);
            pageSize = Integer.parseInt(query.get("PageSize"));
            page = Integer.parseInt(query.get("CurrentPage"));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Rpc.ok(requestId, "isv.INVALID_PARAMETERS", "参数异常", Map.of());
        }
        LocalDate today = LocalDate.now(clock.withZone(AlibabaSms.ZONE));
        if (pageSize < 1 || pageSize > SmsProvider.MAX_PAGE_SIZE || page < 1 || day.isAfter(today)
                || day.isBefore(today.minusDays(DAYS_KEPT))) {
            return Rpc.ok(requestId, "isv.INVALID_PARAMETERS", "参数异常", Map.of());
        }
        String local = phone.replaceFirst("^\\+?86", "");
        if (faults.queryFails(local)) {
            return Rpc.ok(requestId, "isp.SYSTEM_ERROR", "系统错误（模拟的故障）", Map.of());
        }
        String bizId = query.getOrDefault("BizId", "");
        List<SimMessage> sent = phones.of(local).stream()
                .filter(m -> m.direction() == SimMessage.Direction.IN)
                .filter(m -> m.at().atZone(AlibabaSms.ZONE).toLocalDate().equals(day))
                .filter(m -> bizId.isEmpty() || m.id().startsWith(bizId + "-"))
                .sorted(Comparator.comparing(SimMessage::at))
                .toList();
        List<Map<String, Object>> dtos = sent.stream().skip((long) (page - 1) * pageSize).limit(pageSize)
                .map(QuerySendDetails::dto).toList();
        return Rpc.ok(requestId, "OK", "OK", Map.of("TotalCount", sent.size(),
                "SmsSendDetailDTOs", Map.of("SmsSendDetailDTO", dtos)));
    }

    private static Map<String, Object> dto(SimMessage m) {
        int status = switch (m.status()) {
            case "DELIVERED" -> SmsProvider.Detail.DELIVERED;
            case "FAILED" -> SmsProvider.Detail.FAILED;
            default -> SmsProvider.Detail.WAITING;
        };
        Map<String, Object> dto = new LinkedHashMap<>();
        dto.put("PhoneNum", m.phone());
        dto.put("SendStatus", status);
        dto.put("ErrCode", status == SmsProvider.Detail.DELIVERED ? "DELIVERED" : status == SmsProvider.Detail.FAILED ? "FAILED" : "");
        dto.put("TemplateCode", m.templateCode());
        dto.put("Content", m.text());
        dto.put("SendDate", SmsSimulator.TIME.format(m.at()));
        dto.put("ReceiveDate", status == SmsProvider.Detail.WAITING ? "" : SmsSimulator.TIME.format(m.at()));
        dto.put("OutId", m.outId() == null ? "" : m.outId());
        return dto;
    }
}
