package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.onecall.dispatch.volunteer.VolunteerKind;
import org.onecall.events.Category;

/** What callers send. Validated at the edge; services trust the shape and check the rules. */
final class Requests {

    /** Printable text on one line: no control characters (they break lists, logs and SMS). */
    static final String ONE_LINE = "[^\\x00-\\x1F\\x7F]*";
    static final String ONE_LINE_MESSAGE = "must be one line without control characters";
    /** PostgreSQL cannot store U+0000 in text: refuse it here (400) instead of failing in the database (500). */
    static final String NO_NUL = "[^\\x00]*";
    static final String NO_NUL_MESSAGE = "must not contain the NUL character (U+0000)";

    /**
     * The operator's form for one need. Shape here; the category's own required fields, the window
     * and the service target are checked by {@link NeedRules} (the same checks for intake messages).
     *
     * @param items     the needs list (需求清单); null or empty when there is nothing to buy or bring
     * @param details   category-specific fields, see {@link CategoryRules}
     * @param window    null means as soon as possible
     * @param buysGoods null: true when the category usually buys goods or there are items
     * @param separate  true when the operator knows this is a new need although one of the same category is
     *                  still open for the household (lunch today, dinner tonight); otherwise it is a repeat call
     * @param preferredVolunteerId the volunteer the resident asks for (contract C4); proposed first when free
     * @param volunteerKind        only volunteers of this kind (a paperwork errand for a community worker)
     * @param avoidVolunteerIds    volunteers not to send
     */
    @Introspected
    record RaiseNeed(@NotNull @Positive Long householdId, @NotNull Category category, @NotNull Urgency urgency,
                     @NotBlank @Size(max = 2000) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String description,
                     @Nullable @Size(max = 50) List<@Valid @NotNull Item> items,
                     @Nullable @Valid Details details,
                     @Nullable @Valid Window window,
                     @Nullable Boolean buysGoods,
                     @Nullable Boolean separate,
                     @Nullable @Positive Long preferredVolunteerId,
                     @Nullable VolunteerKind volunteerKind,
                     @Nullable @Size(max = 20) List<@NotNull @Positive Long> avoidVolunteerIds) {

        /** The shape before preferences (intake messages carry none). */
        RaiseNeed(Long householdId, Category category, Urgency urgency, String description,
                  List<Item> items, Details details, Window window, Boolean buysGoods, Boolean separate) {
            this(householdId, category, urgency, description, items, details, window, buysGoods, separate,
                    null, null, null);
        }

        List<Long> avoidList() {
            return avoidVolunteerIds == null ? List.of() : avoidVolunteerIds;
        }

        List<Item> itemList() {
            return items == null ? List.of() : items;
        }

        Details detailsOrEmpty() {
            return details == null ? Details.NONE : details;
        }

        boolean goods() {
            return buysGoods != null ? buysGoods : category.usuallyBuysGoods() || !itemList().isEmpty();
        }
    }

    /** One line of the needs list: "降压药 ×2 盒 (硝苯地平)". A missing quantity means one. */
    @Introspected
    record Item(@NotBlank @Size(max = 100) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String name,
                @Nullable @Positive @Max(999) Integer quantity,
                @Nullable @Size(max = 20) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String unit,
                @Nullable @Size(max = 200) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String notes) {

        int count() {
            return quantity == null ? 1 : quantity;
        }
    }

    /** Category-specific fields; which are required for which category is {@link CategoryRules}' table. */
    @Introspected
    record Details(@Nullable @Size(max = 500) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String prescriptionNote,
                   @Nullable @Size(max = 200) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String hospital,
                   @Nullable @Size(max = 200) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String department,
                   @Nullable @Size(max = 500) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String whatIsBroken,
                   @Nullable @Size(max = 500) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String parties,
                   @Nullable @Size(max = 500) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String topic,
                   @Nullable @Size(max = 500) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String place) {

        static final Details NONE = new Details(null, null, null, null, null, null, null);
    }

    enum WindowKind { ASAP, APPOINTMENT }

    /** As soon as possible, or an appointment (预约) from start to end. */
    @Introspected
    record Window(@NotNull WindowKind kind, @Nullable Instant start, @Nullable Instant end) {
    }

    /**
     * One phone call that raises several needs at once (groceries and a repair): all or nothing. The
     * owner (首问负责) of every need is the signed-in operator, never a name in the body.
     */
    @Introspected
    record Call(@NotNull @Positive Long householdId,
                @NotNull @Size(min = 1, max = 10) List<@Valid @NotNull CallNeed> needs) {
    }

    /** A need within a call: the household and the operator are the call's. */
    @Introspected
    record CallNeed(@NotNull Category category, @NotNull Urgency urgency,
                    @NotBlank @Size(max = 2000) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String description,
                    @Nullable @Size(max = 50) List<@Valid @NotNull Item> items,
                    @Nullable @Valid Details details,
                    @Nullable @Valid Window window,
                    @Nullable Boolean buysGoods,
                    @Nullable Boolean separate,
                    @Nullable @Positive Long preferredVolunteerId,
                    @Nullable VolunteerKind volunteerKind,
                    @Nullable @Size(max = 20) List<@NotNull @Positive Long> avoidVolunteerIds) {

        RaiseNeed in(Call call) {
            return new RaiseNeed(call.householdId(), category, urgency, description, items, details,
                    window, buysGoods, separate, preferredVolunteerId, volunteerKind, avoidVolunteerIds);
        }
    }

    /**
     * {@code volunteerId}, here and in {@link Arrival} and {@link Completion}, is whom the caller acts for:
     * a volunteer's own token needs none (naming someone else is refused); staff recording what a volunteer
     * reported by phone name the volunteer, and the history shows both ("coordinator-li for volunteer 24").
     */
    @Introspected
    record Respond(@Nullable @Positive Long volunteerId, @Nullable @Size(max = 500) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String reason) {
    }

    @Introspected
    record Arrival(@Nullable @Positive Long volunteerId) {
    }

    @Introspected
    record Completion(@Nullable @Positive Long volunteerId, @Nullable @Size(max = 2000) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String summary) {
    }

    /** Handing a held job back before arriving: the reason is asked, for the coordinator and the history. */
    @Introspected
    record GiveBack(@Nullable @Positive Long volunteerId,
                    @NotBlank @Size(max = 500) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String reason) {
    }

    @Introspected
    record Feedback(@NotNull @Min(1) @Max(5) Integer rating, @NotNull Boolean solved,
                    @Nullable @Size(max = 2000) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String comment) {
    }

    @Introspected
    record Cancellation(@NotBlank @Size(max = 500) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String reason) {
    }

    /** Hands first-contact ownership (首问负责) to another operator or coordinator of the need's community. */
    @Introspected
    record Handover(@NotBlank @Size(max = 64) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String to,
                    @NotBlank @Size(max = 500) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String reason) {
    }

    private Requests() {
    }
}
