package org.onecall.dispatch.inbox;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;

/**
 * Consumer-side idempotency: call {@link #firstTime} inside the transaction that applies the event.
 * A redelivered event finds its row and is skipped; two instances racing on the same event collide
 * on the primary key and one rolls back.
 */
@Singleton
public class Inbox {

    private final ProcessedEventRepository processed;
    private final Clock clock;

    Inbox(ProcessedEventRepository processed, Clock clock) {
        this.processed = processed;
        this.clock = clock;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean firstTime(String consumer, UUID eventId) {
        if (processed.countSeen(consumer, eventId) > 0) {
            return false;
        }
        processed.markSeen(consumer, eventId, clock.instant());
        return true;
    }
}
