package org.onecall.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON mapping for events, shared by every producer and consumer. */
public final class EventJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // consumers must survive fields added by a newer producer
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public static String write(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event cannot be serialised: " + envelope.type(), e);
        }
    }

    /** Parses an envelope; throws {@link MalformedEventException} with the reason when it is not one. */
    public static EventEnvelope read(String json) {
        try {
            EventEnvelope envelope = MAPPER.readValue(json, EventEnvelope.class);
            if (envelope == null) {
                throw new MalformedEventException("empty message");
            }
            return envelope;
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof MalformedEventException m) {
                throw m;
            }
            throw new MalformedEventException("not an event envelope: " + firstLine(e.getMessage()), e);
        }
    }

    static EventPayload payload(EventEnvelope envelope) {
        Class<? extends EventPayload> type = EventTypes.classOf(envelope.type())
                .orElseThrow(() -> new MalformedEventException("unknown event type " + envelope.type()));
        try {
            return MAPPER.treeToValue(envelope.payload(), type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new MalformedEventException("payload does not fit " + envelope.type() + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private EventJson() {
    }
}
