package org.onecall.dispatch.desk;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.validation.Validated;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The incoming-call webhook the phone system posts to when a call rings (screen-pop). */
@Controller("/api/phone/calls")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class PhoneCallController {

    static final String TOKEN_HEADER = "X-Phone-System-Token";

    private final PhoneCalls calls;

    PhoneCallController(PhoneCalls calls) {
        this.calls = calls;
    }

    /** {@code caller}: the number as the phone system has it, any Chinese format; {@code extension}: what rang. */
    @Introspected
    record Ringing(@NotBlank @Size(max = 40) @Pattern(regexp = "[0-9 +()\\-.]*", message = "must be a phone number")
                   String caller,
                   @Nullable @Pattern(regexp = "[0-9A-Za-z*#-]{1,20}", message = "must be 1-20 digits or letters")
                   String extension,
                   @Nullable @Size(max = 100) @Pattern(regexp = org.onecall.dispatch.household.Text.ONE_LINE,
                           message = "must be one line without control characters") String callId) {
    }

    /** The token is checked before the body: a stranger learns nothing, not even what the body should hold. */
    @Post
    PhoneCalls.Announced ringing(@Nullable @Header(TOKEN_HEADER) String token, @Body Ringing call) {
        return calls.ringing(token, call);
    }
}
