package org.onecall.notifier;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * Where an SMS delivery stands: PENDING (to try at {@code nextAttemptAt}), SENT, DELIVERED or FAILED.
 * {@code urgent} ones (urgent needs, answers to a volunteer's own reply) go out in quiet hours too.
 * {@code sendingSince}: when the provider was last called without its answer recorded yet; with
 * {@code inDoubt} that attempt ended with no answer (or its claim lapsed), so the provider may hold
 * the message and is asked before any resend.
 */
@MappedEntity("sms_delivery")
public record SmsDelivery(@Id long deliveryId, String status, int attempts, @Nullable Instant nextAttemptAt,
                          @Nullable String providerId, int segments, boolean urgent, Instant updatedAt,
                          @Nullable Instant sendingSince, boolean inDoubt) {

    static final String PENDING = "PENDING";
    static final String SENT = "SENT";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";

    @Creator
    public SmsDelivery {
    }

    /** A delivery with no attempt in flight or in doubt. */
    public SmsDelivery(long deliveryId, String status, int attempts, @Nullable Instant nextAttemptAt,
                       @Nullable String providerId, int segments, boolean urgent, Instant updatedAt) {
        this(deliveryId, status, attempts, nextAttemptAt, providerId, segments, urgent, updatedAt, null, false);
    }

    /**
     * The last attempt's outcome is unknown and no one is at it now: its answer was lost, or its claim
     * lapsed (the notifier stopped mid-send). An attempt still in flight is not in doubt.
     */
    boolean inDoubt(Instant now) {
        return status.equals(PENDING) && sendingSince != null
                && (inDoubt || nextAttemptAt == null || !nextAttemptAt.isAfter(now));
    }
}
