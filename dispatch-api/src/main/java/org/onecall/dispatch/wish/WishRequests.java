package org.onecall.dispatch.wish;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

final class WishRequests {

    static final String ONE_LINE = "[^\\x00-\\x1F\\x7F]*";
    static final String ONE_LINE_MESSAGE = "must be one line without control characters";

    /**
     * A WISH needs householdId; a PROJECT needs a schedule ("每周二义诊") and a partner, or the
     * agreementId of the co-building agreement it carries out (the partner is then the agreement's).
     */
    @Introspected
    record Publish(@NotNull Wish.WishKind kind, @Nullable @Positive Long householdId,
                   @NotBlank @Size(max = 200) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String title,
                   @Nullable @Size(max = 2000) @Pattern(regexp = "[^\\x00]*", message = "must not contain the NUL character (U+0000)") String description,
                   @Nullable @Size(max = 200) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String partner,
                   @Nullable @Size(max = 200) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String schedule,
                   @NotBlank @Size(max = 64) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String publishedBy,
                   @Nullable @Positive Long agreementId) {
    }

    /**
     * Who claims: a UNIT is a partner unit's record ({@code merchantId}) of the wish's community, entered
     * by staff for it; a VOLUNTEER claims for themself, or staff name {@code volunteerId}. The person who
     * entered the claim is the signed-in account.
     */
    @Introspected
    record Claim(@NotNull Wish.ClaimantKind claimantKind,
                 @Nullable @Positive Long merchantId,
                 @Nullable @Positive Long volunteerId) {
    }

    @Introspected
    record Fulfil(@NotBlank @Size(max = 200) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String fulfilledBy,
                  @Nullable @Size(max = 2000) @Pattern(regexp = "[^\\x00]*", message = "must not contain the NUL character (U+0000)") String note) {
    }

    private WishRequests() {
    }
}
