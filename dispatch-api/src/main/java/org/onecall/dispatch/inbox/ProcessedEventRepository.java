package org.onecall.dispatch.inbox;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProcessedEventRepository extends GenericRepository<ProcessedEvent, ProcessedEvent.Key> {

    @Query("SELECT COUNT(*) FROM processed_event WHERE consumer = :consumer AND event_id = :eventId")
    long countSeen(String consumer, UUID eventId);

    @Query("INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (:consumer, :eventId, :at)")
    void markSeen(String consumer, UUID eventId, Instant at);
}
