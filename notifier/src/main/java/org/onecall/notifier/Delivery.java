package org.onecall.notifier;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** One message to one person on one channel; {@code body} is the JSON the person's device receives. */
@MappedEntity("delivery")
public record Delivery(@Id @GeneratedValue @Nullable Long id, UUID eventId, String channel, String recipient,
                       String kind, long needId, String body, Instant createdAt) {
}
