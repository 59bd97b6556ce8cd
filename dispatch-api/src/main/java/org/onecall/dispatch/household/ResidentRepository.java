package org.onecall.dispatch.household;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ResidentRepository extends CrudRepository<Resident, Long> {

    List<Resident> findByHouseholdIdOrderByPosition(long householdId);

    List<Resident> findByHouseholdIdInOrderByPosition(Collection<Long> householdIds);

    void deleteByHouseholdId(long householdId);
}
