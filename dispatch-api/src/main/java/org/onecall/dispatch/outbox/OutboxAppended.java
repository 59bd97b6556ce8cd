package org.onecall.dispatch.outbox;

import java.util.UUID;

/** In-process signal; delivered after commit so the relay wakes at once instead of at its next poll. */
record OutboxAppended(UUID eventId) {
}
