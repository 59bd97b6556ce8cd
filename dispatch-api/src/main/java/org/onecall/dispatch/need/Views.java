package org.onecall.dispatch.need;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.onecall.events.Category;
import org.onecall.events.MatchEvents;

/** What callers get back. */
final class Views {

    /**
     * An offer as the volunteer sees it before accepting: category, approximate place, time; no room, no phone.
     * {@code windowStart}/{@code windowEnd}: the appointment (null: as soon as possible); {@code score} and
     * {@code scoreParts}: why they were asked (codes and numbers, see MatchEvents.ScoreCodes), null/empty
     * when the matcher gave none.
     */
    record OfferView(long offerId, long needId, OfferStatus status, String category, String categoryZh,
                     Urgency urgency, String approximatePlace, int distanceMeters, Instant createdAt,
                     Instant expiresAt, @Nullable Long merchantId, @Nullable String merchantName,
                     WindowView window, List<ItemView> items, @Nullable Double score,
                     List<MatchEvents.ScorePart> scoreParts) {
    }

    /** The job as the volunteer holding it sees it: now with the full address and phone, and the appointment. */
    record JobView(long needId, NeedStatus status, String category, String categoryZh, String description,
                   String residentName, String phone, String address, WindowView window, List<ItemView> items,
                   @Nullable String merchantName) {
    }

    /**
     * A need as operators and coordinators see it: {@code takenBy} is its owner (首问责任制), {@code dueAt}
     * the service commitment and {@code late} whether it is past due and not yet served.
     * {@code attachedTo} and {@code message} are only set when a repeat call was added to this open need.
     * {@code takenByName} is the owner's display name, for pages (null when the account is gone).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NeedView(long id, String communityId, long householdId, String category, String categoryZh,
                    Urgency urgency, String description, NeedStatus status, String takenBy, String source,
                    @Nullable String sourceId, int matchAttempt, @Nullable Long volunteerId, @Nullable Integer rating,
                    boolean buysGoods, WindowView window, @Nullable Instant dueAt, boolean late,
                    List<ItemView> items, Map<String, String> details, Instant createdAt, Instant updatedAt,
                    @Nullable Long attachedTo, @Nullable String message, @Nullable PreferencesView preferences,
                    @Nullable ProposalView proposal, @Nullable String takenByName) {
    }

    /**
     * A history line as pages show it: the entry, and {@code actorName}, the display name of the staff account
     * that acted, alone or for a volunteer ("operator-wang for volunteer 24"); null for the system, the matcher
     * and volunteers acting themselves (pages name volunteers from their own list).
     */
    record HistoryLine(long id, long needId, Instant occurredAt, String eventType, @Nullable NeedStatus fromStatus,
                       NeedStatus toStatus, String actor, @Nullable String detail, @Nullable String actorName) {
    }

    /** The need's matching preferences (contract C4); absent when it has none. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record PreferencesView(@Nullable Long preferredVolunteerId, @Nullable String volunteerKind,
                           List<Long> avoidVolunteerIds) {
    }

    /** Why the latest offer's volunteer was proposed: the matcher's score and its parts (codes, numbers). */
    record ProposalView(long volunteerId, double score, List<MatchEvents.ScorePart> parts) {
    }

    /** {@code kind} ASAP (no start or end) or APPOINTMENT. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WindowView(Requests.WindowKind kind, @Nullable Instant start, @Nullable Instant end) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ItemView(String name, int quantity, @Nullable String unit, @Nullable String notes) {
    }

    /** The needs one call raised (or added to), in the order they were given. */
    record CallView(long householdId, String takenBy, List<NeedView> needs) {
    }

    static String zh(String category) {
        try {
            return Category.valueOf(category).zh();
        } catch (IllegalArgumentException e) {
            return category;
        }
    }

    private Views() {
    }
}
