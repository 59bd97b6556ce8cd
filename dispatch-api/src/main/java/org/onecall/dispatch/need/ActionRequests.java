package org.onecall.dispatch.need;

import static org.onecall.dispatch.need.Requests.NO_NUL;
import static org.onecall.dispatch.need.Requests.NO_NUL_MESSAGE;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onecall.dispatch.volunteer.VolunteerKind;
import org.onecall.events.Category;

/** What coordinators send when they act on a need by hand, and the ladder's timers. Who acts is the signed-in caller. */
final class ActionRequests {

    /** {@code direct} true: the volunteer agreed on the phone and holds the need at once. */
    @Introspected
    record Assignment(@NotNull @Positive Long volunteerId, @Nullable Boolean direct,
                      @Nullable @Size(max = 500) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String note) {
    }

    /** Changed preferences for the new round; all optional (contract C4 names them). */
    @Introspected
    record Rematch(@Nullable @Positive Long preferredVolunteerId, @Nullable VolunteerKind volunteerKind,
                   @Nullable @Size(max = 50) List<@NotNull @Positive Long> avoidVolunteerIds,
                   @Nullable @Size(max = 500) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String note) {
    }

    @Introspected
    record Broadcast(@NotNull @Positive Long teamId) {
    }

    @Introspected
    record ToDepartment(@NotNull @Positive Long departmentId,
                        @NotBlank @Size(max = 1000) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String note) {
    }

    @Introspected
    record DepartmentAnswer(@NotBlank @Size(max = 2000) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String answer,
                            @NotNull Boolean solved) {
    }

    /**
     * A community's own ladder timers for a category and/or urgency (both left out: every need); minutes at
     * the team leader, grid leader and coordinator rungs. No minutes: back to the defaults.
     */
    @Introspected
    record LadderTimer(@Nullable Category category, @Nullable Urgency urgency,
                       @Nullable @Size(min = 3, max = 3) List<@NotNull @Min(1) @Max(100_000) Integer> minutes) {
    }

    private ActionRequests() {
    }
}
