package org.onecall.notifier;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One line of the delivery log: an attempt on a channel (or a receipt, or a fallback) and its result. */
@MappedEntity("delivery_attempt")
public record DeliveryAttempt(@Id @GeneratedValue @Nullable Long id, long deliveryId, String channel, Instant at,
                              String result, @Nullable String providerId, @Nullable String detail) {
}
