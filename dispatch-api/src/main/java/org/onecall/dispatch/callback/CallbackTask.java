package org.onecall.dispatch.callback;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * "Call this household back about need N, because X" (contract C5), for the operator who owns the
 * need; {@code message} is what to tell them. Open until {@code closedAt}.
 */
@MappedEntity("callback_task")
public record CallbackTask(@Id @GeneratedValue @Nullable Long id, long needId, long householdId, String communityId,
                           String owner, String reason, String message, String sourceKey, Instant createdAt,
                           @Nullable Instant closedAt, @Nullable String closedBy, @Nullable String outcome) {

    /** Why a household is called back instead of texted. */
    public enum Reason { NO_MOBILE, DECLINED_SMS, SMS_FAILED, NO_RATING }
}
