package org.onecall.dispatch.outbox;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.onecall.events.AccountEvents;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.EventPayload;
import org.onecall.events.Topics;

/**
 * Writes events in the caller's transaction. Nothing reaches Kafka unless the state change
 * committed, and nothing committed is lost: the relay publishes it, now or after a restart.
 * {@link OutboxOrdering} gives the transaction its commit position; {@link OutboxRelay} publishes.
 */
@Singleton
public class Outbox {

    private final OutboxRepository rows;
    private final Clock clock;
    private final ApplicationEventPublisher<OutboxAppended> appended;
    private final OutboxOrdering ordering;

    Outbox(OutboxRepository rows, Clock clock, ApplicationEventPublisher<OutboxAppended> appended,
           OutboxOrdering ordering) {
        this.rows = rows;
        this.clock = clock;
        this.appended = appended;
        this.ordering = ordering;
    }

    /** A need or offer event for {@link Topics#NEEDS}, keyed by community so one community stays in order. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public EventEnvelope needEvent(String communityId, EventPayload payload) {
        return append(Topics.NEEDS, communityId, communityId, payload);
    }

    /** Latest state of a resource for the compacted {@link Topics#RESOURCES} topic, keyed by resource. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public EventEnvelope resourceState(String communityId, EventPayload payload) {
        return append(Topics.RESOURCES, payload.aggregateId(), communityId, payload);
    }

    /** An account's sign-in state for the compacted {@link Topics#ACCOUNTS} topic, keyed by account. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public EventEnvelope accountState(AccountEvents.AccountAccessChanged payload) {
        return append(Topics.ACCOUNTS, payload.aggregateId(), AccountEvents.NO_COMMUNITY, payload);
    }

    private EventEnvelope append(String topic, String key, String communityId, EventPayload payload) {
        EventEnvelope envelope = EventEnvelope.of(payload, communityId, clock);
        OutboxRow row = rows.save(new OutboxRow(null, envelope.eventId(), topic, key, envelope.type(),
                EventJson.write(envelope), envelope.occurredAt(), null, null));
        ordering.wrote(row.id(), key);
        appended.publishEvent(new OutboxAppended(envelope.eventId()));
        return envelope;
    }
}
