package org.onecall.dispatch.need;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/**
 * What the first request with an Idempotency-Key answered: the needs, in order, each as
 * {@code id:N} (newly raised) or {@code id:A} (a repeat call attached to it).
 */
@MappedEntity("idempotency_key")
record IdempotencyKeyRow(@Id @MappedProperty("idem_key") String key, String requestHash, String needIds,
                         Instant createdAt) {
}
