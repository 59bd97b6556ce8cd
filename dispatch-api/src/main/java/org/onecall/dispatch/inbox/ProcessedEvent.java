package org.onecall.dispatch.inbox;

import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity("processed_event")
record ProcessedEvent(@EmbeddedId Key key, Instant processedAt) {

    @Embeddable
    record Key(String consumer, UUID eventId) {
    }
}
