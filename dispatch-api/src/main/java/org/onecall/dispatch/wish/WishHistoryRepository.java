package org.onecall.dispatch.wish;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** Public for the household's case diary: every wish step about a household, in order. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface WishHistoryRepository extends CrudRepository<WishHistoryEntry, Long> {

    List<WishHistoryEntry> findByHouseholdIdOrderById(long householdId);

    List<WishHistoryEntry> findByWishIdOrderById(long wishId);
}
