package org.onecall.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.util.Map;
import org.onecall.kit.sms.CallbackSignature;
import org.onecall.kit.sms.SmsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the SMS provider pushes delivery receipts (SmsReport) and replies (SmsUp), as JSON arrays.
 * No one signs in here: a callback proves itself with an HMAC of its exact body under the shared
 * callback secret, and anything else is refused. Answering anything but {@code {"code":0}} makes the
 * provider push again later, which is what a reply dispatch-api could not take yet needs. A receipt
 * also settles a delivery whose send is in doubt (its answer was lost): the provider had taken it.
 */
@Controller("/notify/sms")
@ExecuteOn(TaskExecutors.BLOCKING)
class SmsCallbackController {

    private static final Logger LOG = LoggerFactory.getLogger(SmsCallbackController.class);
    private static final Map<String, Object> OK = Map.of("code", 0, "msg", "接收成功");

    private final SmsSettings settings;
    private final SmsLog log;
    private final Deliveries deliveries;
    private final DispatchDirectory directory;
    private final SmsSender sender;
    private final StaffNotices staff;
    private final ObjectMapper json = new ObjectMapper();

    SmsCallbackController(SmsSettings settings, SmsLog log, Deliveries deliveries, DispatchDirectory directory,
                          SmsSender sender, StaffNotices staff) {
        this.staff = staff;
        this.settings = settings;
        this.log = log;
        this.deliveries = deliveries;
        this.directory = directory;
        this.sender = sender;
    }

    @Post("/receipts")
    @Consumes(MediaType.ALL)
    HttpResponse<Map<String, Object>> receipts(@Body String body, @Nullable @Header(CallbackSignature.HEADER) String signature) {
        JsonNode items = verified(body, signature);
        if (items == null) {
            return refused();
        }
        boolean later = false;
        for (JsonNode r : items) {
            later |= log.receipt(r.path("out_id").asText(""), r.path("biz_id").asText(""), r.path("success").asBoolean(),
                    r.path("err_code").asText(""), r.path("err_msg").asText("")) == SmsLog.Receipt.NOT_SENT_YET;
        }
        return later ? tryAgain() : HttpResponse.ok(OK);
    }

    @Post("/replies")
    @Consumes(MediaType.ALL)
    HttpResponse<Map<String, Object>> replies(@Body String body, @Nullable @Header(CallbackSignature.HEADER) String signature) {
        JsonNode items = verified(body, signature);
        if (items == null) {
            return refused();
        }
        try {
            for (JsonNode up : items) {
                String sequenceId = up.path("sequence_id").asText("");
                DispatchDirectory.ReplyOutcome outcome = directory.handOver(sequenceId, up.path("phone_number").asText(""),
                        up.path("content").asText(""));
                if (outcome.volunteerId() != null && !outcome.command() && outcome.communityId() != null) {
                    staff.freeText(sequenceId, outcome.communityId(), outcome.needId(), outcome.volunteerId(),
                            up.path("content").asText(""));
                }
                if (outcome.volunteerId() != null && !outcome.answer().isBlank()) {
                    deliveries.answer(sequenceId, outcome.volunteerId(), outcome.needId(), outcome.answer())
                            .ifPresent(d -> sender.attempt(d.id()));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("SMS reply not handed over yet (the provider will push it again): {}", e.toString());
            return tryAgain();
        }
        return HttpResponse.ok(OK);
    }

    private static HttpResponse<Map<String, Object>> tryAgain() {
        return HttpResponse.<Map<String, Object>>status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("code", 1, "msg", "稍后重试"));
    }

    @Nullable
    private JsonNode verified(String body, @Nullable String signature) {
        if (!CallbackSignature.valid(settings.getCallbackSecret(), body, signature)) {
            return null;
        }
        try {
            JsonNode items = json.readTree(body);
            return items != null && items.isArray() ? items : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static HttpResponse<Map<String, Object>> refused() {
        return HttpResponse.<Map<String, Object>>status(HttpStatus.UNAUTHORIZED)
                .body(Map.of("code", 401, "msg", "signature missing or wrong"));
    }
}
