package org.onecall.dispatch.smsreply;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.onecall.dispatch.audit.Audit;
import org.onecall.dispatch.need.SmsCommands;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.kit.UniqueViolation;
import org.onecall.kit.security.Phones;

/**
 * SMS replies handed over by the notifier: each read once (the provider's sequence id), the sender
 * found by phone here (phones stay in dispatch-api), commands acted on as that volunteer.
 */
@Singleton
class SmsReplies {

    private final SmsReplyRepository replies;
    private final Volunteers volunteers;
    private final SmsCommands commands;
    private final Audit audit;
    private final Clock clock;

    SmsReplies(SmsReplyRepository replies, Volunteers volunteers, SmsCommands commands, Audit audit, Clock clock) {
        this.replies = replies;
        this.volunteers = volunteers;
        this.commands = commands;
        this.audit = audit;
        this.clock = clock;
    }

    /** What to text back (empty answer: nothing), and who sent it, if a volunteer. */
    record Handled(String answer, Long volunteerId, Long needId, String communityId, boolean command, boolean duplicate) {
    }

    Handled handle(String service, ServiceRequests.Reply reply) {
        Optional<SmsReply> seen = replies.findBySequenceId(reply.sequenceId());
        if (seen.isPresent()) {
            return handled(seen.get(), true);
        }
        Optional<Volunteer> volunteer = volunteers.findByPhone(reply.phone()).filter(Volunteer::active);
        SmsReply row;
        if (volunteer.isEmpty()) {
            row = new SmsReply(null, reply.sequenceId(), null, null, null, reply.content(), false, "", clock.instant());
        } else {
            Volunteer v = volunteer.get();
            // acts in its own transactions (the need's lifecycle), then records; a replay finds the row
            SmsCommands.Outcome outcome = commands.handle(v, reply.content());
            row = new SmsReply(null, reply.sequenceId(), v.id(), v.communityId(), outcome.needId(), reply.content(),
                    outcome.command(), outcome.answer(), clock.instant());
        }
        audit.record(service, "SMS_REPLY_READ", volunteer.map(v -> "volunteer:" + v.id())
                .orElse("phone:" + Phones.mask(reply.phone())), null);
        try {
            return handled(save(row), false);
        } catch (RuntimeException e) {
            if (UniqueViolation.of(e, "sms_reply_once")) {
                return replies.findBySequenceId(reply.sequenceId()).map(r -> handled(r, true)).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    List<SmsReply> freeText(String communityId) {
        return replies.findTop100ByCommunityIdAndCommandOrderByIdDesc(communityId, false);
    }

    @Transactional
    SmsReply save(SmsReply row) {
        return replies.save(row);
    }

    private static Handled handled(SmsReply r, boolean duplicate) {
        return new Handled(r.answer(), r.volunteerId(), r.needId(), r.communityId(), r.command(), duplicate);
    }
}
