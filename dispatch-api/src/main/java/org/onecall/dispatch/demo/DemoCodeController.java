package org.onecall.dispatch.demo;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.validation.Validated;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.regex.Matcher;
import org.onecall.dispatch.sms.SentSms;
import org.onecall.kit.Refusal;

/**
 * Demo mode only: the sign-in code the simulated SMS just "delivered" to a demo volunteer's phone,
 * so the sign-in page can show it (there is no phone to read it on). The bean does not exist outside
 * demo mode, so in production the route is a 404 and the page shows nothing.
 */
@Controller("/api/auth/code/demo")
@Requires(property = "onecall.demo.enabled", value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class DemoCodeController {

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("验证码是 ([0-9]{6})");

    @Introspected
    record DemoCode(@Nullable String code) {
    }

    private final SentSms sms;

    DemoCodeController(SentSms sms) {
        this.sms = sms;
    }

    @Get("{?phone}")
    DemoCode latest(@QueryValue @NotBlank @Pattern(regexp = "\\+?[0-9 ()-]{5,20}", message = "must be a phone number")
                    String phone) {
        return sms.sentTo(phone).stream().map(m -> CODE.matcher(m.body())).filter(Matcher::find)
                .map(m -> new DemoCode(m.group(1))).findFirst()
                .orElseThrow(() -> Refusal.notFound("sign-in code for", phone));
    }
}
