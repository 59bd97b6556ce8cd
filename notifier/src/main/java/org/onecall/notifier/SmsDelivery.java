package org.onecall.notifier;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * Where an SMS delivery stands: PENDING (to try at {@code nextAttemptAt}), SENT, DELIVERED or FAILED.
 * {@code urgent} ones (urgent needs, answers to a volunteer's own reply) go out in quiet hours too.
 */
@MappedEntity("sms_delivery")
public record SmsDelivery(@Id long deliveryId, String status, int attempts, @Nullable Instant nextAttemptAt,
                          @Nullable String providerId, int segments, boolean urgent, Instant updatedAt) {

    static final String PENDING = "PENDING";
    static final String SENT = "SENT";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";
}
