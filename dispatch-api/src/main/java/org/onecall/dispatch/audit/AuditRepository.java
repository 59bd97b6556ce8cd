package org.onecall.dispatch.audit;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuditRepository extends CrudRepository<AuditEntry, Long> {
    List<AuditEntry> findByOccurredAtBetweenOrderById(Instant from, Instant to);
}
