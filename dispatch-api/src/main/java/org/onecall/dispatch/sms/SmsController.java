package org.onecall.dispatch.sms;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/** What OneCall texted to a phone: for admins checking a volunteer's sign-in trouble. */
@Controller("/api/sms")
@ExecuteOn(TaskExecutors.BLOCKING)
class SmsController {

    private final SentSms sms;

    SmsController(SentSms sms) {
        this.sms = sms;
    }

    @Get("{?phone}")
    List<SmsMessage> sent(@QueryValue String phone) {
        return sms.sentTo(phone);
    }
}
