package org.onecall.dispatch.wish;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A micro-wish (微心愿) of a resident, or a recurring project (项目清单) with a partner unit. Published by
 * a coordinator, claimed (认领) once by a unit or a volunteer, then fulfilled. A project may carry out a
 * co-building agreement (共建协议): {@code agreementId} names it, and the agreement's partner unit is the partner.
 * A unit's claim links to the unit's record ({@code merchantId}); {@code claimant} is its name.
 */
@MappedEntity("wish")
public record Wish(@Id @GeneratedValue @Nullable Long id, String communityId, WishKind kind,
                   @Nullable Long householdId, String title, @Nullable String description, @Nullable String partner,
                   @Nullable String schedule, WishStatus status, String publishedBy,
                   @Nullable ClaimantKind claimantKind, @Nullable String claimant, @Nullable Long volunteerId,
                   @Nullable Instant claimedAt, @Nullable String fulfilledBy, @Nullable Instant fulfilledAt,
                   @Nullable String fulfilmentNote, Instant createdAt,
                   @Nullable Long agreementId, @Nullable Long merchantId) {

    public enum WishKind { WISH, PROJECT }

    public enum WishStatus { OPEN, CLAIMED, FULFILLED }

    public enum ClaimantKind { UNIT, VOLUNTEER }
}
