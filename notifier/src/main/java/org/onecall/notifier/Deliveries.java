package org.onecall.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.onecall.events.Category;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.EventPayload;
import org.onecall.events.NeedEvents;
import org.onecall.kit.sms.SmsProvider;
import org.onecall.kit.sms.SmsTemplate;
import org.onecall.kit.sms.SmsText;

/**
 * Decides who hears about an event, on which channels (each person's {@link ChannelPreference}),
 * and records the deliveries, once per event, channel and person (the unique key makes a
 * redelivered event a no-op in the same transaction). An SMS delivery starts PENDING; the
 * {@link SmsSender} sends it after the commit.
 */
@Singleton
class Deliveries {

    static final String SSE = "SSE";
    static final String SMS = "SMS";
    /** A household without a mobile (or that said no to texts) is called back by the operator instead. */
    static final String CALLBACK = "CALLBACK";
    static final String VOLUNTEER = "volunteer-";
    static final String HOUSEHOLD = "household-";
    /** A staff account (by username), texted at the top of the escalation ladder. */
    static final String STAFF = "staff-";

    private final DeliveryRepository deliveries;
    private final SmsDeliveryRepository sms;
    private final ChannelPreferenceRepository preferences;
    @Nullable
    private final SmsProvider provider;
    private final Clock clock;
    private final ObjectMapper json = EventJson.MAPPER;

    Deliveries(DeliveryRepository deliveries, SmsDeliveryRepository sms, ChannelPreferenceRepository preferences,
               @Nullable SmsProvider provider, Clock clock) {
        this.deliveries = deliveries;
        this.sms = sms;
        this.preferences = preferences;
        this.provider = provider;
        this.clock = clock;
    }

    /** The deliveries this event makes (none when it has no volunteer audience or was already handled). */
    @Transactional("notifier")
    List<Recorded> record(EventEnvelope envelope) {
        EventPayload p = envelope.typedPayload();
        if (p instanceof NeedEvents.OfferWithdrawn w) {
            return withdrawn(envelope, w);
        }
        if (p instanceof org.onecall.events.LoopEvents.PairingVisitMissed m) {
            return visitMissed(envelope, m);
        }
        if (p instanceof NeedEvents.NeedEscalated e) {
            return escalated(envelope, e);
        }
        if (!(p instanceof NeedEvents.OfferMade o)) {
            // a cancellation does not say who held the need: the page re-reads its offers
            return List.of();
        }
        long volunteerId = o.volunteerId();
        String zh = category(o.category()).map(Category::zh).orElse(o.category());
        VolunteerMessage message = new VolunteerMessage(envelope.eventId().toString(), envelope.type(), o.needId(),
                o.offerId(), o.category(), o.approximatePlace(), o.distanceMeters(), o.expiresAt(),
                "新任务：" + zh + "，" + o.approximatePlace() + "，距您约 " + o.distanceMeters() + " 米。"
                        + appointment(o, true) + "请接单或婉拒。",
                "New request: " + category(o.category()).map(Category::en).orElse(o.category()) + " at "
                        + o.approximatePlace() + ", about " + o.distanceMeters() + " m away. "
                        + appointment(o, false) + "Accept or decline.");
        String recipient = recipient(volunteerId);
        ChannelPreference.Channels channels = channelsOf(recipient);
        List<Recorded> recorded = new ArrayList<>();
        if (channels.sse()) {
            once(envelope.eventId(), SSE, recipient, envelope.type(), o.needId(), write(message))
                    .ifPresent(d -> recorded.add(new Recorded(volunteerId, d)));
        }
        if (channels.sms()) {
            sms(envelope.eventId(), recipient, envelope.type(), o.needId(), offerText(o.needId(), zh + appointment(o, true).replace("。", ""), o.approximatePlace(),
                    o.distanceMeters()), "URGENT".equals(o.urgency()))
                    .ifPresent(d -> recorded.add(new Recorded(volunteerId, d)));
        }
        return recorded;
    }

    /**
     * The volunteer whose pending offer was taken back is told not to go: on the page always when they
     * use it, by SMS when they chose texts (they may be on their way with only a phone).
     */
    private List<Recorded> withdrawn(EventEnvelope envelope, NeedEvents.OfferWithdrawn w) {
        String[] why = withdrawnWhy(w.reason());
        VolunteerMessage message = new VolunteerMessage(envelope.eventId().toString(), envelope.type(), w.needId(),
                w.offerId(), null, null, null, null, "任务 #" + w.needId() + " " + why[0] + "，无需前往。",
                "Request #" + w.needId() + " " + why[1] + ": no need to go.");
        String recipient = recipient(w.volunteerId());
        ChannelPreference.Channels channels = channelsOf(recipient);
        List<Recorded> recorded = new ArrayList<>();
        if (channels.sse()) {
            once(envelope.eventId(), SSE, recipient, envelope.type(), w.needId(), write(message))
                    .ifPresent(d -> recorded.add(new Recorded(w.volunteerId(), d)));
        }
        if (channels.sms()) {
            sms(envelope.eventId(), recipient, envelope.type(), w.needId(), new SmsBody(SmsTemplate.JOB_UPDATE,
                    Map.of("short", String.valueOf(w.needId()), "text", why[0] + "，无需前往")), false)
                    .ifPresent(d -> recorded.add(new Recorded(w.volunteerId(), d)));
        }
        return recorded;
    }

    /**
     * A one-to-one visit (一帮一) not recorded by the end of its window: the team leaders, and from the
     * second miss in a row the grid leader, are volunteers themselves; they are told on their page and,
     * when they chose texts, by SMS. Staff accounts named by the event see it in the staff notices.
     */
    private List<Recorded> visitMissed(EventEnvelope envelope, org.onecall.events.LoopEvents.PairingVisitMissed m) {
        var zone = java.time.ZoneId.of(org.onecall.events.ResourceEvents.DEFAULT_TIME_ZONE);
        var start = m.windowStart().atZone(zone);
        var time = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        String when = start.getMonthValue() + "月" + start.getDayOfMonth() + "日 " + time.format(start) + "–"
                + time.format(m.windowEnd().atZone(zone));
        String zh = "一帮一走访未完成：" + when + " 的走访没有记录" + (m.missedInARow() > 1 ? "（已连续 "
                + m.missedInARow() + " 次）" : "") + "，请联系结对志愿者跟进。";
        String en = "One-to-one visit missed: nothing was recorded for " + start.toLocalDate() + " "
                + time.format(start) + (m.missedInARow() > 1 ? " (" + m.missedInARow() + " in a row)" : "")
                + "; please follow up with the paired volunteer.";
        List<Recorded> recorded = new ArrayList<>();
        for (long leader : m.notifyVolunteerIds()) {
            toLeader(envelope, leader, 0, "一帮一", zh, en, false, recorded);
        }
        return recorded;
    }

    /**
     * A step up the escalation ladder (吹哨报到). At the team and grid leaders' rungs the leaders it names are
     * volunteers: told on their page and, when they chose texts, by SMS. At the street office, the top of the
     * timed ladder, each staff account it names is texted (they also see the staff notice). The community's
     * coordinators (and grid coordinators) see the staff notice only; at DEPARTMENT a person of the street
     * office handed the need over themselves, so nobody is texted. An escalation of an URGENT need is urgent:
     * texted in quiet hours too; the others wait for the morning.
     */
    private List<Recorded> escalated(EventEnvelope envelope, NeedEvents.NeedEscalated e) {
        List<Recorded> recorded = new ArrayList<>();
        boolean urgent = "URGENT".equals(e.urgency());
        String[] rung = rung(e.level());
        if ("STREET".equals(e.level())) {
            String zh = "需求 #" + e.needId() + " 已上报街道：" + reasonZh(e.reason()) + "。请尽快协调（可吹哨报到职能部门）。";
            for (String username : e.recipientUsernames()) {
                sms(envelope.eventId(), STAFF + username, envelope.type(), e.needId(), new SmsBody(
                        SmsTemplate.STAFF_NOTICE, Map.of("level", rung[0], "text", zh)), urgent)
                        .ifPresent(d -> recorded.add(new Recorded(0, d)));
            }
        } else if ("TEAM_LEADER".equals(e.level()) || "GRID_LEADER".equals(e.level())) {
            var zone = java.time.ZoneId.of(org.onecall.events.ResourceEvents.DEFAULT_TIME_ZONE);
            var time = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
            String by = e.dueAt() == null ? "" : time.format(e.dueAt().atZone(zone));
            String zh = "需求 #" + e.needId() + " 还没有人接，已上报给您（" + rung[0] + "）：" + reasonZh(e.reason()) + "。"
                    + (by.isEmpty() ? "请协调安排。" : "请在 " + by + " 前安排人手，否则将继续上报。");
            String en = "Need #" + e.needId() + " has nobody yet and was escalated to you (" + rung[1] + "): "
                    + e.reason() + ". " + (by.isEmpty() ? "Please arrange someone."
                    : "Please arrange someone by " + by + ", or it goes up again.");
            for (long leader : e.recipientVolunteerIds()) {
                toLeader(envelope, leader, e.needId(), rung[0], zh, en, urgent, recorded);
            }
        }
        return recorded;
    }

    /** The ladder's reasons (fixed English phrases from dispatch-api) in words a leader reads in an SMS. */
    static String reasonZh(String reason) {
        String r = reason == null ? "" : reason;
        if (r.startsWith("nobody could be found")) {
            return "没有找到可以接单的志愿者";
        }
        if (r.contains("offers expired unanswered")) {
            return "多次派单无人应答";
        }
        if (r.contains("of the service target has passed")) {
            return "服务时限快到了";
        }
        if (r.startsWith("the service target")) {
            return "已超过服务时限";
        }
        if (r.startsWith("nobody acted at")) {
            return "上一级在时限内没有处理";
        }
        return r;
    }

    private static String[] rung(String level) {
        return switch (level == null ? "" : level) {
            case "TEAM_LEADER" -> new String[] {"队长", "team leader"};
            case "GRID_LEADER" -> new String[] {"网格长", "grid leader"};
            case "COORDINATOR" -> new String[] {"社区", "community coordinator"};
            case "STREET" -> new String[] {"街道", "street office"};
            default -> new String[] {"升级", "escalation"};
        };
    }

    /** A notice for a leader who is a volunteer: on their page, and by SMS when they chose texts. */
    private void toLeader(EventEnvelope envelope, long leader, long needId, String level, String zh, String en,
                          boolean urgent, List<Recorded> recorded) {
        VolunteerMessage message = new VolunteerMessage(envelope.eventId().toString(), envelope.type(), needId, null,
                null, null, null, null, zh, en);
        String recipient = recipient(leader);
        ChannelPreference.Channels channels = channelsOf(recipient);
        if (channels.sse()) {
            once(envelope.eventId(), SSE, recipient, envelope.type(), needId, write(message))
                    .ifPresent(d -> recorded.add(new Recorded(leader, d)));
        }
        if (channels.sms()) {
            sms(envelope.eventId(), recipient, envelope.type(), needId, new SmsBody(SmsTemplate.STAFF_NOTICE,
                    Map.of("level", level, "text", zh)), urgent)
                    .ifPresent(d -> recorded.add(new Recorded(leader, d)));
        }
    }

    /** Why an offer was taken back, zh-CN and English, from dispatch-api's reason (a fixed English phrase). */
    private static String[] withdrawnWhy(String reason) {
        String r = reason == null ? "" : reason;
        if (r.contains("accepted first")) {
            return new String[] {"已由他人接单", "was taken by another volunteer"};
        }
        if (r.contains("cancelled")) {
            return new String[] {"已取消", "was cancelled"};
        }
        return new String[] {"已另行安排", "was arranged otherwise"};
    }

    /** "预约 12月8日 19:00–20:00。" for an appointment, in the communities' time zone; empty as soon as possible. */
    static String appointment(NeedEvents.OfferMade o, boolean zh) {
        if (o.windowStart() == null || o.windowEnd() == null) {
            return "";
        }
        var zone = java.time.ZoneId.of(org.onecall.events.ResourceEvents.DEFAULT_TIME_ZONE);
        var start = o.windowStart().atZone(zone);
        var end = o.windowEnd().atZone(zone);
        var time = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        return zh ? "预约 " + start.getMonthValue() + "月" + start.getDayOfMonth() + "日 " + time.format(start) + "–"
                + time.format(end) + "。"
                : "Appointment " + start.toLocalDate() + " " + time.format(start) + "–" + time.format(end) + ". ";
    }

    /** The offer again by SMS (its page did not acknowledge it), once: same event, the SMS channel. */
    @Transactional("notifier")
    Optional<Delivery> offerBySms(UUID eventId, long volunteerId, VolunteerMessage m) {
        String zh = category(m.category()).map(Category::zh).orElse(m.category());
        return sms(eventId, recipient(volunteerId), m.kind(), m.needId(), offerText(m.needId(), zh, m.approximatePlace(),
                m.distanceMeters() == null ? 0 : m.distanceMeters()), false);
    }

    private static SmsBody offerText(long needId, String what, String place, int distance) {
        return new SmsBody(SmsTemplate.OFFER, Map.of("short", String.valueOf(needId), "what", what, "place", place,
                "distance", String.valueOf(distance)));
    }

    /** An SMS answering a volunteer's reply, once per reply (its id derives from the provider's sequence id). */
    @Transactional("notifier")
    Optional<Delivery> answer(String sequenceId, long volunteerId, @Nullable Long needId, String text) {
        UUID id = UUID.nameUUIDFromBytes(("sms-reply:" + sequenceId).getBytes(StandardCharsets.UTF_8));
        return sms(id, recipient(volunteerId), "SmsAnswer", needId == null ? 0 : needId,
                new SmsBody(SmsTemplate.REPLY_ANSWER, Map.of("text", text)), true);
    }

    private Optional<Delivery> sms(UUID eventId, String recipient, String kind, long needId, SmsBody body, boolean urgent) {
        Optional<Delivery> d = once(eventId, SMS, recipient, kind, needId, write(body));
        d.ifPresent(saved -> {
            String sign = provider == null ? "一个电话" : provider.signName();
            int segments = SmsText.segments(SmsText.shown(sign, SmsText.render(body.template().text(), body.params())));
            Instant now = clock.instant();
            sms.save(new SmsDelivery(saved.id(), SmsDelivery.PENDING, 0, now, null, segments, urgent, now));
        });
        return d;
    }

    private Optional<Delivery> once(UUID eventId, String channel, String recipient, String kind, long needId, String body) {
        if (deliveries.existsByEventIdAndChannelAndRecipient(eventId, channel, recipient)) {
            return Optional.empty();
        }
        return Optional.of(deliveries.save(new Delivery(null, eventId, channel, recipient, kind, needId, body,
                clock.instant())));
    }

    ChannelPreference.Channels channelsOf(String recipient) {
        return preferences.findById(recipient).map(ChannelPreference::channels).orElse(ChannelPreference.Channels.SSE);
    }

    @Transactional("notifier")
    ChannelPreference choose(long volunteerId, ChannelPreference.Channels channels) {
        ChannelPreference p = new ChannelPreference(recipient(volunteerId), channels, clock.instant());
        return preferences.existsById(p.recipient()) ? preferences.update(p) : preferences.save(p);
    }

    /** What the volunteer's page replays: its SSE deliveries. */
    List<Delivery> recentFor(long volunteerId) {
        return deliveries.findTop50ByRecipientAndChannelOrderByIdDesc(recipient(volunteerId), SSE);
    }

    static String recipient(long volunteerId) {
        return VOLUNTEER + volunteerId;
    }

    /** Whether this event already told its household (by SMS or as a call-back task). */
    boolean residentTold(UUID eventId) {
        return deliveries.existsByEventIdAndRecipientStartsWith(eventId, HOUSEHOLD);
    }

    /** The household's notice: an SMS (pending) or the record of the call-back task raised instead. */
    @Transactional("notifier")
    Optional<Delivery> resident(UUID eventId, String kind, long needId, long householdId, String text,
                                @Nullable Long callbackId) {
        String recipient = HOUSEHOLD + householdId;
        if (callbackId != null) {
            return once(eventId, CALLBACK, recipient, kind, needId, write(Map.of("text", text, "callbackId", callbackId)));
        }
        return sms(eventId, recipient, kind, needId, new SmsBody(SmsTemplate.RESIDENT_NOTICE, Map.of("text", text)), false);
    }

    record Recorded(long volunteerId, Delivery delivery) {
    }

    private String write(Object m) {
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Category> category(String name) {
        try {
            return Optional.of(Category.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
