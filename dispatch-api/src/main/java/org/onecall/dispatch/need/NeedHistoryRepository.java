package org.onecall.dispatch.need;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface NeedHistoryRepository extends CrudRepository<NeedHistoryEntry, Long> {
    List<NeedHistoryEntry> findByNeedIdOrderById(long needId);
}
