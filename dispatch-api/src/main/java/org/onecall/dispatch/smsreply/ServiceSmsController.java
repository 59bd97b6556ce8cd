package org.onecall.dispatch.smsreply;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;
import java.util.List;
import org.onecall.dispatch.account.Accounts;
import org.onecall.dispatch.audit.Audit;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.kit.Refusal;

/**
 * The narrow door through which the notifier reaches phone numbers, which never travel on Kafka:
 * one volunteer's or staff account's number for one delivery (audited), and SMS replies handed over for dispatch-api
 * to match to a volunteer and act on. Only the SERVICE role may call these.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class ServiceSmsController {

    private final Volunteers volunteers;
    private final SmsReplies replies;
    private final Audit audit;
    private final Accounts accounts;

    ServiceSmsController(Volunteers volunteers, SmsReplies replies, Audit audit, Accounts accounts) {
        this.accounts = accounts;
        this.volunteers = volunteers;
        this.replies = replies;
        this.audit = audit;
    }

    @Get("/service/volunteers/{volunteerId}/contact")
    ServiceRequests.Contact contact(@PathVariable long volunteerId, Authentication caller) {
        Volunteer v = volunteers.get(volunteerId);
        audit.record(caller.getName(), "CONTACT_VIEWED", "volunteer:" + volunteerId, "for an SMS");
        return new ServiceRequests.Contact(v.id(), v.name(), v.phone());
    }

    /** A staff account's number for one SMS (the street office at the top of the escalation ladder), audited. */
    @Get("/service/accounts/{username}/contact")
    Accounts.Contact staffContact(@PathVariable String username, Authentication caller) {
        Accounts.Contact contact = accounts.contact(username).orElseThrow(() -> Refusal.notFound("account", username));
        audit.record(caller.getName(), "CONTACT_VIEWED", "account:" + username, "for an SMS");
        return contact;
    }

    @Post("/service/sms-replies")
    SmsReplies.Handled reply(@Valid @Body ServiceRequests.Reply reply, Authentication caller) {
        return replies.handle(caller.getName(), reply);
    }

    /** Volunteers' free-text replies, word for word, for the coordinators of their community. */
    @Get("/communities/{communityId}/sms-replies")
    List<SmsReply> freeText(@PathVariable String communityId) {
        return replies.freeText(communityId);
    }
}
