package org.onecall.dispatch.need;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface IntakeReceiptRepository extends GenericRepository<Need, Long> {

    @Query("SELECT need_id FROM intake_receipt WHERE source = :source AND source_id = :sourceId")
    Optional<Long> findNeedId(String source, String sourceId);

    /** Fails on the primary key when a simultaneous delivery recorded it first: that transaction rolls back. */
    @Query("INSERT INTO intake_receipt (source, source_id, need_id, attached, received_at)"
            + " VALUES (:source, :sourceId, :needId, :attached, :at)")
    int insert(String source, String sourceId, long needId, boolean attached, Instant at);
}
