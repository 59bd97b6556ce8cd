package org.onecall.notifier;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventPayload;
import org.onecall.events.LoopEvents;
import org.onecall.events.NeedEvents;
import org.onecall.events.ResourceEvents;
import org.onecall.kit.UniqueViolation;
import org.onecall.kit.security.Caller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Notices for staff: a need escalated or left without a volunteer, a volunteer not arrived by what the
 * resident was told (OVERDUE), a complaint, a missed pairing
 * visit, a volunteer's free-text SMS reply. Recorded once per cause (a redelivered event finds its
 * row), pushed live to every open staff stream, which shows each caller only the notices of the
 * communities they serve (their street's too) or naming them.
 */
@Singleton
class StaffNotices {

    private static final java.time.ZoneId ZONE = java.time.ZoneId.of(ResourceEvents.DEFAULT_TIME_ZONE);
    private static final java.time.format.DateTimeFormatter HOUR = java.time.format.DateTimeFormatter.ofPattern("HH:mm");

    private final StaffNoticeRepository notices;
    private final Clock clock;
    private final StaffScope scope;
    private final NoticeNames names;
    private final Sinks.Many<StaffNotice> live = Sinks.many().multicast().directBestEffort();

    StaffNotices(StaffNoticeRepository notices, Clock clock, StaffScope scope, NoticeNames names) {
        this.names = names;
        this.notices = notices;
        this.clock = clock;
        this.scope = scope;
    }

    void on(EventEnvelope envelope) {
        EventPayload p = envelope.typedPayload();
        String key = "event:" + envelope.eventId();
        if (!isNotice(p) || notices.existsBySourceKey(key)) {
            return;
        }
        if (p instanceof NeedEvents.NeedEscalated e) {
            NoticeNames.Named n = names.of(e.needId(), null, null);
            record(key, envelope.communityId(), "ESCALATED", e.needId(), e.to(),
                    n.needZh() + " 已上报给 " + e.to() + "：" + e.reason(),
                    n.needEn() + " was escalated to " + e.to() + ": " + e.reason());
        } else if (p instanceof NeedEvents.NeedUnmatched u) {
            NoticeNames.Named n = names.of(u.needId(), null, null);
            record(key, envelope.communityId(), "UNMATCHED", u.needId(), "",
                    n.needZh() + " 没有找到志愿者（" + (u.reasonZh() == null ? u.reason() : u.reasonZh())
                            + "），请协调员处理。",
                    n.needEn() + " found no volunteer (" + u.reason() + "); a coordinator should act.");
        } else if (p instanceof NeedEvents.JobDelayed d) {
            NoticeNames.Named n = names.of(d.needId(), d.volunteerId(), null);
            var promised = d.promisedBy().atZone(ZONE);
            String when = promised.getMonthValue() + "月" + promised.getDayOfMonth() + "日 " + HOUR.format(promised);
            record(key, envelope.communityId(), "OVERDUE", d.needId(), String.join(",", d.notifyUsernames()),
                    n.needZh() + " 逾期：" + n.volunteerZh() + " 约定 " + when
                            + " 前上门，至今未到。已告知居民稍候，请联系志愿者或另行安排。",
                    n.needEn() + " is overdue: " + n.volunteerEn() + " was due by "
                            + promised.toLocalDate() + " " + HOUR.format(promised)
                            + " and has not arrived. The resident was asked to wait; call the volunteer or arrange"
                            + " someone else.");
        } else if (p instanceof LoopEvents.ComplaintOpened c) {
            NoticeNames.Named n = names.of(c.needId(), null, null);
            record(key, envelope.communityId(), "COMPLAINT", c.needId(), String.join(",", c.notifyUsernames()),
                    n.needZh() + " 收到投诉（评分 " + c.rating() + (c.solved() ? "" : "，未解决") + "）：" + c.about(),
                    n.needEn() + " has a complaint (rated " + c.rating() + (c.solved() ? "" : ", not solved")
                            + "): " + c.about());
        } else if (p instanceof LoopEvents.PairingVisitMissed m) {
            NoticeNames.Named n = names.of(null, m.volunteerId(), m.householdId());
            var start = m.windowStart().atZone(ZONE);
            String window = HOUR.format(start) + "–" + HOUR.format(m.windowEnd().atZone(ZONE));
            record(key, envelope.communityId(), "VISIT_MISSED", null, String.join(",", m.notifyUsernames()),
                    "结对帮扶：" + n.volunteerZh() + " 未在 " + start.getMonthValue() + "月" + start.getDayOfMonth()
                            + "日 " + window + " 上门看望" + n.householdZh() + "（连续第 " + m.missedInARow() + " 次）。",
                    "One-to-one pairing: " + n.volunteerEn() + " did not visit " + n.householdEn()
                            + " on " + start.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH)
                            + " " + start.getDayOfMonth() + ", " + window + " (" + m.missedInARow() + " in a row).");
        }
    }

    /** The events that make a staff notice (a late volunteer, not one who gave the job back: it is re-matched). */
    private static boolean isNotice(EventPayload p) {
        return p instanceof NeedEvents.NeedEscalated || p instanceof NeedEvents.NeedUnmatched
                || (p instanceof NeedEvents.JobDelayed d && NeedEvents.JobDelayed.NOT_ARRIVED.equals(d.cause()))
                || p instanceof LoopEvents.ComplaintOpened || p instanceof LoopEvents.PairingVisitMissed;
    }

    /** A volunteer's SMS that was not a command, word for word. */
    void freeText(String sequenceId, String communityId, @Nullable Long needId, long volunteerId, String content) {
        String key = "sms:" + sequenceId;
        if (notices.existsBySourceKey(key)) {
            return;
        }
        NoticeNames.Named n = names.of(needId, volunteerId, null);
        record(key, communityId, "SMS_TEXT", needId, "",
                n.volunteerZh() + " 发来短信" + (needId == null ? "" : "（" + n.needZh() + "）") + "：" + content,
                "V" + n.volunteerEn().substring(1) + " texted" + (needId == null ? "" : " about " + n.needEn()) + ": "
                        + content);
    }

    private void record(String key, String communityId, String kind, @Nullable Long needId, String recipients, String text,
                        String textEn) {
        save(key, communityId, kind, needId, recipients, text, textEn).ifPresent(live::tryEmitNext);
    }

    @Transactional("notifier")
    Optional<StaffNotice> save(String key, String communityId, String kind, @Nullable Long needId, String recipients,
                               String text, String textEn) {
        if (notices.existsBySourceKey(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(notices.save(new StaffNotice(null, key, communityId, kind, needId, recipients,
                    clip(text), clip(textEn), clock.instant())));
        } catch (RuntimeException e) {
            if (UniqueViolation.of(e, "staff_notice_once")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String clip(String text) {
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    List<StaffNotice> recentFor(Caller caller) {
        return notices.findRecent().stream().filter(n -> n.isFor(caller.username(), scope.serves(caller, n.communityId())))
                .toList();
    }

    /** Filtered off the emitting thread: a street's communities may have to be asked of dispatch-api. */
    Flux<StaffNotice> liveFor(Caller caller) {
        return live.asFlux().publishOn(Schedulers.boundedElastic())
                .filter(n -> n.isFor(caller.username(), scope.serves(caller, n.communityId())));
    }
}
