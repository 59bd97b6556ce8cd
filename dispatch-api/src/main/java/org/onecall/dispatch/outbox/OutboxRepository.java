package org.onecall.dispatch.outbox;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OutboxRepository extends CrudRepository<OutboxRow, Long> {

    @Query("SELECT * FROM outbox WHERE published_at IS NULL ORDER BY commit_seq NULLS FIRST, id LIMIT :limit")
    List<OutboxRow> findUnpublished(int limit);

    @Query("UPDATE outbox SET published_at = :at WHERE id IN (:ids)")
    int markPublished(Collection<Long> ids, Instant at);

    @Query("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL")
    long countUnpublished();
}
