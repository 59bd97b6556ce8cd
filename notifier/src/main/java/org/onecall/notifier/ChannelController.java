package org.onecall.notifier;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.onecall.kit.Refusal;
import org.onecall.kit.security.Caller;
import org.onecall.kit.security.Role;

/**
 * Per volunteer: on which channels they are told (page, SMS or both; SMS only for a basic phone),
 * and the delivery log: every message on every channel with each attempt and receipt.
 */
@Controller("/notify")
@ExecuteOn(TaskExecutors.BLOCKING)
class ChannelController {

    private final Deliveries deliveries;
    private final DeliveryRepository rows;
    private final DeliveryAttemptRepository attempts;
    private final SmsDeliveryRepository sms;
    private final SseFallback fallback;
    private final NeedCommunities needCommunities;
    private final StaffScope scope;

    ChannelController(Deliveries deliveries, DeliveryRepository rows, DeliveryAttemptRepository attempts,
                      SmsDeliveryRepository sms, SseFallback fallback, NeedCommunities needCommunities, StaffScope scope) {
        this.needCommunities = needCommunities;
        this.scope = scope;
        this.fallback = fallback;
        this.deliveries = deliveries;
        this.rows = rows;
        this.attempts = attempts;
        this.sms = sms;
    }

    @io.micronaut.core.annotation.Introspected
    record Choice(@NotNull ChannelPreference.Channels channels) {
    }

    @Get("/volunteers/{volunteerId}/channels")
    Map<String, Object> channels(@PathVariable long volunteerId) {
        return Map.of("volunteerId", volunteerId, "channels", deliveries.channelsOf(Deliveries.recipient(volunteerId)));
    }

    @Put("/volunteers/{volunteerId}/channels")
    Map<String, Object> choose(@PathVariable long volunteerId, @Valid @Body Choice choice) {
        return Map.of("volunteerId", volunteerId, "channels", deliveries.choose(volunteerId, choice.channels()).channels());
    }

    /** One line per message: who, which channel, what, when, where it stands, and its attempts. */
    record LogLine(long deliveryId, String recipient, String channel, String kind, long needId, String body,
                   java.time.Instant createdAt, String status, Integer segments, List<DeliveryAttempt> attempts) {
    }

    /** The page showed this offer (so it need not go again by SMS). */
    @io.micronaut.http.annotation.Post("/volunteers/{volunteerId}/deliveries/{eventId}/ack")
    Map<String, Object> ack(@PathVariable long volunteerId, @PathVariable java.util.UUID eventId) {
        if (!fallback.ack(volunteerId, eventId)) {
            throw org.onecall.kit.Refusal.notFound("delivery of event", eventId);
        }
        return Map.of("volunteerId", volunteerId, "eventId", eventId, "acknowledged", true);
    }

    @Get("/volunteers/{volunteerId}/log")
    List<LogLine> personLog(@PathVariable long volunteerId) {
        return log(rows.findTop50ByRecipientOrderByIdDesc(Deliveries.recipient(volunteerId)));
    }

    /**
     * Who was told what about a need: for the staff who serve its community (street too). Any other
     * caller is answered as if the need did not exist, like a need with no community known yet.
     */
    @Get("/needs/{needId}/log")
    List<LogLine> needLog(@PathVariable long needId, Authentication authentication) {
        Caller caller = Caller.from(authentication);
        if (caller.role() != Role.ADMIN && needCommunities.of(needId)
                .filter(community -> scope.servesHouseholdsOf(caller, community)).isEmpty()) {
            throw Refusal.notFound("need", needId);
        }
        return log(rows.findByNeedIdOrderById(needId));
    }

    private List<LogLine> log(List<Delivery> list) {
        Map<Long, List<DeliveryAttempt>> byDelivery = attempts.findByDeliveryIdInOrderById(
                        list.isEmpty() ? List.of(-1L) : list.stream().map(Delivery::id).toList()).stream()
                .collect(Collectors.groupingBy(DeliveryAttempt::deliveryId, Collectors.toCollection(ArrayList::new)));
        return list.stream().sorted(Comparator.comparing(Delivery::id)).map(d -> {
            var state = d.channel().equals(Deliveries.SMS) ? sms.findById(d.id()).orElse(null) : null;
            return new LogLine(d.id(), d.recipient(), d.channel(), d.kind(), d.needId(), d.body(), d.createdAt(),
                    state == null ? "PUSHED" : state.status(), state == null ? null : state.segments(),
                    byDelivery.getOrDefault(d.id(), new ArrayList<>()));
        }).toList();
    }
}
