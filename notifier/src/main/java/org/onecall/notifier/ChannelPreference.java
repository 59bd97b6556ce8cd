package org.onecall.notifier;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** How one person wants to be told: SSE (the page), SMS (any phone) or BOTH. */
@MappedEntity("channel_preference")
public record ChannelPreference(@Id String recipient, Channels channels, Instant updatedAt) {

    public enum Channels {
        SSE, SMS, BOTH;

        boolean sse() {
            return this != SMS;
        }

        boolean sms() {
            return this != SSE;
        }
    }
}
