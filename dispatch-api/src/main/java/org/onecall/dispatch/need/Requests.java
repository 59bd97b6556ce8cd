package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.onecall.events.Category;

/** What callers send. Validated at the edge; services trust the shape and check the rules. */
final class Requests {

    /** PostgreSQL cannot store U+0000 in text: refuse it here (400) instead of failing in the database (500). */
    static final String NO_NUL = "[^\\x00]*";
    static final String NO_NUL_MESSAGE = "must not contain the NUL character (U+0000)";

    @Introspected
    record RaiseNeed(@NotNull @Positive Long householdId, @NotNull Category category, @NotNull Urgency urgency,
                     @NotBlank @Size(max = 2000) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String description,
                     @NotBlank @Size(max = 64) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String takenBy) {
    }

    @Introspected
    record Respond(@Nullable @Positive Long volunteerId,
                   @Nullable @Size(max = 500) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String reason) {
    }

    @Introspected
    record Arrival(@Nullable @Positive Long volunteerId) {
    }

    @Introspected
    record Completion(@Nullable @Positive Long volunteerId,
                      @Nullable @Size(max = 2000) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String summary) {
    }

    @Introspected
    record Feedback(@NotNull @Min(1) @Max(5) Integer rating, @NotNull Boolean solved,
                    @Nullable @Size(max = 2000) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String comment,
                    @NotBlank @Size(max = 64) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String recordedBy) {
    }

    @Introspected
    record Cancellation(@NotBlank @Size(max = 500) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String reason,
                        @NotBlank @Size(max = 64) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String by) {
    }

    private Requests() {
    }
}
