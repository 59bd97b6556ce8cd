package org.onecall.dispatch.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity("outbox")
record OutboxRow(@Id @GeneratedValue @Nullable Long id, UUID eventId, String topic, String msgKey,
                 String eventType, String payload, Instant createdAt, @Nullable Instant publishedAt,
                 @Nullable Long commitSeq) {
}
