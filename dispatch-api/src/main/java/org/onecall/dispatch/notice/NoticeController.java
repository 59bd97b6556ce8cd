package org.onecall.dispatch.notice;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.HashMap;
import java.util.Map;
import org.onecall.dispatch.audit.Audit;
import org.onecall.dispatch.callback.CallbackTask;
import org.onecall.dispatch.callback.Callbacks;
import org.onecall.dispatch.household.Households;

/**
 * Resident notices. The notifier (SERVICE role) asks what to tell a household about a need and
 * whether by SMS, reads the number for one SMS (audited; numbers never travel on Kafka), and turns
 * an SMS that could not be delivered into a call-back task. Staff record a household's "no SMS".
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class NoticeController {

    private final ResidentNotices notices;
    private final SmsRefusals refusals;
    private final Callbacks callbacks;
    private final Households households;
    private final Audit audit;

    NoticeController(ResidentNotices notices, SmsRefusals refusals, Callbacks callbacks, Households households, Audit audit) {
        this.notices = notices;
        this.refusals = refusals;
        this.callbacks = callbacks;
        this.households = households;
        this.audit = audit;
    }

    @Introspected
    record NoticeRequest(@NotBlank @Size(max = 64) String eventId, @NotNull ResidentNotices.About about,
                         @Nullable @Positive Long volunteerId) {
    }

    @Introspected
    record FallbackRequest(@NotBlank @Size(max = 64) String eventId, @NotNull CallbackTask.Reason reason,
                           @NotBlank @Size(max = 500) String message) {
    }

    @Introspected
    record SmsChoice(@NotNull Boolean accept) {
    }

    @Post("/service/needs/{needId}/resident-notices")
    ResidentNotices.Notice prepare(@PathVariable long needId, @Valid @Body NoticeRequest request) {
        return notices.prepare(needId, request.about(), request.eventId(), request.volunteerId());
    }

    @Post("/service/needs/{needId}/callbacks")
    CallbackTask fallback(@PathVariable long needId, @Valid @Body FallbackRequest request) {
        return callbacks.raise(needId, request.reason(), request.eventId(), request.message());
    }

    @Get("/service/households/{householdId}/sms-contact")
    Map<String, Object> smsContact(@PathVariable long householdId, Authentication caller) {
        households.get(householdId);
        audit.record(caller.getName(), "CONTACT_VIEWED", "household:" + householdId, "for an SMS notice");
        Map<String, Object> out = new HashMap<>();
        out.put("householdId", householdId);
        out.put("phone", notices.smsNumber(householdId).orElse(null));
        return out;
    }

    /** Whether the household takes SMS notices (no: the operator calls them instead). */
    @Put("/households/{id}/sms-notices")
    Map<String, Object> choose(@PathVariable long id, @Valid @Body SmsChoice choice, Authentication caller) {
        households.get(id);
        refusals.set(id, !choice.accept(), caller.getName());
        return Map.of("householdId", id, "accept", choice.accept());
    }
}
