package org.onecall.dispatch.need;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;

/** The items and details of needs; read in one query for a whole page of needs. */
final class NeedListRepository {

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Items extends CrudRepository<NeedItemRow, Long> {
        @Query("SELECT * FROM need_item WHERE need_id IN (:needIds) ORDER BY need_id, position")
        List<NeedItemRow> findForNeeds(Collection<Long> needIds);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Details extends CrudRepository<NeedDetailRow, Long> {
        @Query("SELECT * FROM need_detail WHERE need_id IN (:needIds) ORDER BY need_id, name")
        List<NeedDetailRow> findForNeeds(Collection<Long> needIds);
    }

    private NeedListRepository() {
    }
}
