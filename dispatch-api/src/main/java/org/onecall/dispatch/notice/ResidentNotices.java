package org.onecall.dispatch.notice;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.onecall.dispatch.callback.CallbackTask;
import org.onecall.dispatch.callback.Callbacks;
import org.onecall.dispatch.household.Household;
import org.onecall.dispatch.household.Households;
import org.onecall.dispatch.need.NeedQueries;
import org.onecall.dispatch.rating.Ratings;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.events.Category;

/**
 * What a resident is told when someone is assigned (who: the name with 师傅 or 志愿者; when: the
 * window or an estimate), when the job is cancelled or delayed (the volunteer gave it back, or has not
 * arrived by what they were told) or, once it is done, asked for a rating, and
 * how: by SMS to the household's mobile, or, when it has none or said no to texts, as a call-back
 * task for the operator who owns the need. The text is made here, where the names and times are;
 * the number is given out separately, one audited read per SMS.
 */
@Singleton
public class ResidentNotices {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("M月d日 HH:mm");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final NeedQueries needs;
    private final Households households;
    private final Volunteers volunteers;
    private final SmsRefusals refusals;
    private final Callbacks callbacks;
    private final Ratings ratings;

    ResidentNotices(NeedQueries needs, Households households, Volunteers volunteers, SmsRefusals refusals,
                    Callbacks callbacks, Ratings ratings) {
        this.ratings = ratings;
        this.needs = needs;
        this.households = households;
        this.volunteers = volunteers;
        this.refusals = refusals;
        this.callbacks = callbacks;
    }

    /** GIVEN_BACK and NOT_ARRIVED: the job is delayed (the causes of a {@code JobDelayed}). */
    public enum About { ASSIGNED, CANCELLED, RATING, GIVEN_BACK, NOT_ARRIVED }

    /** By SMS ({@code callbackId} null) or as the call-back task raised instead. */
    public record Notice(long needId, long householdId, String text, boolean sms, @Nullable Long callbackId) {
    }

    /** {@code volunteerId}: whom the resident expected, for a delay (the need may hold nobody by now). */
    public Notice prepare(long needId, About about, String eventId, @Nullable Long volunteerId) {
        NeedQueries.Summary need = needs.summary(needId);
        Household h = households.get(need.householdId());
        Long expected = volunteerId != null ? volunteerId : need.volunteerId();
        String text = switch (about) {
            case ASSIGNED -> assigned(need, h);
            case CANCELLED -> cancelled(need, h);
            case RATING -> Ratings.QUESTION;
            case GIVEN_BACK -> h.headName() + "您好：原定上门的" + who(expected, need.category())
                    + "临时来不了，我们正在为您另找人，找到后马上告诉您。";
            case NOT_ARRIVED -> h.headName() + "您好：" + who(expected, need.category())
                    + "可能会晚到一些，社区正在联系，请您稍候。";
        };
        CallbackTask.Reason why = households.firstMobile(h.id()).isEmpty() ? CallbackTask.Reason.NO_MOBILE
                : refusals.refused(h.id()) ? CallbackTask.Reason.DECLINED_SMS : null;
        if (why == null) {
            if (about == About.RATING) {
                ratings.asked(needId, h.id());
            }
            return new Notice(needId, h.id(), text, true, null);
        }
        if (about == About.RATING) {
            // the rating is asked on the phone: the operator's call-back list records the answer
            return new Notice(needId, h.id(), text, false, ratings.byPhone(needId, eventId).id());
        }
        CallbackTask task = callbacks.raise(needId, why, eventId, text);
        return new Notice(needId, h.id(), text, false, task.id());
    }

    /** The number for one SMS to this household, empty when there is none it may be texted on. */
    public Optional<String> smsNumber(long householdId) {
        return refusals.refused(householdId) ? Optional.empty() : households.firstMobile(householdId);
    }

    private String who(@Nullable Long volunteerId, String category) {
        return volunteerId == null ? "志愿者" : volunteers.find(volunteerId).map(v -> title(v, category)).orElse("志愿者");
    }

    private String assigned(NeedQueries.Summary need, Household h) {
        return h.headName() + "您好：" + who(need.volunteerId(), need.category()) + "将上门为您" + what(need.category())
                + "，" + when(need) + "。如有变化会再告诉您。";
    }

    private String cancelled(NeedQueries.Summary need, Household h) {
        return h.headName() + "您好：您的" + what(need.category()) + "服务已取消。如仍需要，请再打电话给我们。";
    }

    /** 师傅 for repairs (a tradesperson's title), else the name with 志愿者. */
    private static String title(Volunteer v, String category) {
        return "REPAIRS".equals(category) ? v.name().substring(0, 1) + "师傅" : "志愿者" + v.name();
    }

    private static String what(String category) {
        try {
            return Category.valueOf(category).zh();
        } catch (IllegalArgumentException e) {
            return "服务";
        }
    }

    private String when(NeedQueries.Summary need) {
        ZoneId zone = volunteers.zone();
        if (need.windowStart() != null && need.windowEnd() != null) {
            return "时间 " + TIME.format(need.windowStart().atZone(zone)) + "–" + CLOCK.format(need.windowEnd().atZone(zone));
        }
        Instant due = need.dueAt();
        return due == null ? "预计尽快到达" : "预计 " + TIME.format(due.atZone(zone)) + " 前到达";
    }
}
