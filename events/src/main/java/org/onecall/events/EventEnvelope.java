package org.onecall.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What travels on every topic. The payload stays a tree here so a consumer can route on
 * {@code type} and skip types it does not know (forward compatible), then bind the ones it handles.
 */
public record EventEnvelope(UUID eventId, String type, int schemaVersion, Instant occurredAt,
                            String communityId, String aggregateId, JsonNode payload) {

    public static final int SCHEMA_VERSION = 1;

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(communityId, "communityId");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(payload, "payload");
    }

    public static EventEnvelope of(EventPayload payload, String communityId, Clock clock) {
        return new EventEnvelope(UUID.randomUUID(), EventTypes.typeOf(payload), SCHEMA_VERSION,
                clock.instant(), communityId, payload.aggregateId(), EventJson.MAPPER.valueToTree(payload));
    }

    /** The typed payload; fails if {@link #type()} is unknown or the payload does not fit it. */
    public EventPayload typedPayload() {
        return EventJson.payload(this);
    }

    public boolean is(Class<? extends EventPayload> payloadType) {
        return type.equals(payloadType.getSimpleName());
    }
}
