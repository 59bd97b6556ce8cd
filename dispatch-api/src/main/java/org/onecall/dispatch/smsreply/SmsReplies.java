package org.onecall.dispatch.smsreply;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.onecall.dispatch.audit.Audit;
import org.onecall.dispatch.household.Households;
import org.onecall.dispatch.need.SmsCommands;
import org.onecall.dispatch.rating.Ratings;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.kit.UniqueViolation;
import org.onecall.kit.security.Phones;

/**
 * SMS replies handed over by the notifier: each read once (the provider's sequence id), the sender
 * found by phone here (phones stay in dispatch-api), commands acted on as that volunteer; a
 * household's reply answers the rating it was asked for.
 */
@Singleton
class SmsReplies {

    private final SmsReplyRepository replies;
    private final Volunteers volunteers;
    private final SmsCommands commands;
    private final Households households;
    private final Ratings ratings;
    private final Audit audit;
    private final Clock clock;

    SmsReplies(SmsReplyRepository replies, Volunteers volunteers, SmsCommands commands, Households households,
               Ratings ratings, Audit audit, Clock clock) {
        this.households = households;
        this.ratings = ratings;
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
        String from;
        if (volunteer.isEmpty()) {
            row = fromHousehold(reply);
            from = row.needId() == null ? "phone:" + Phones.mask(reply.phone()) : "need:" + row.needId();
        } else {
            Volunteer v = volunteer.get();
            // acts in its own transactions (the need's lifecycle), then records; a replay finds the row
            SmsCommands.Outcome outcome = commands.handle(v, reply.content());
            row = new SmsReply(null, reply.sequenceId(), v.id(), v.communityId(), outcome.needId(), reply.content(),
                    outcome.command(), outcome.answer(), clock.instant());
            from = "volunteer:" + v.id();
        }
        audit.record(service, "SMS_REPLY_READ", from, null);
        try {
            return handled(save(row), false);
        } catch (RuntimeException e) {
            if (UniqueViolation.of(e, "sms_reply_once")) {
                return replies.findBySequenceId(reply.sequenceId()).map(r -> handled(r, true)).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /**
     * A household's reply to the rating it was asked for (a volunteer's number is never taken for a
     * household's): a digit is the rating; other words are kept for the coordinator of its community.
     */
    private SmsReply fromHousehold(ServiceRequests.Reply reply) {
        List<Long> ids = households.idsByMobile(reply.phone());
        return ratings.answer(ids, reply.content())
                .map(a -> new SmsReply(null, reply.sequenceId(), null, households.get(a.householdId()).communityId(),
                        a.needId(), reply.content(), a.rated(), "", clock.instant()))
                .orElseGet(() -> new SmsReply(null, reply.sequenceId(), null, null, null, reply.content(), false, "",
                        clock.instant()));
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
