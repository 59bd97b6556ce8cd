package org.onecall.dispatch.department;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface DepartmentRepository extends CrudRepository<Department, Long> {

    @Query("SELECT * FROM department WHERE community_id = :communityId OR (street_id IS NOT NULL"
            + " AND street_id = :street) ORDER BY name, id")
    List<Department> findServing(String communityId, @Nullable String street);
}
