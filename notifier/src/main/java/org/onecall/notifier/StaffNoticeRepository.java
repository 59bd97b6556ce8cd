package org.onecall.notifier;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@Repository("notifier")
@JdbcRepository(dialect = Dialect.POSTGRES)
interface StaffNoticeRepository extends CrudRepository<StaffNotice, Long> {

    boolean existsBySourceKey(String sourceKey);

    @Query("SELECT * FROM staff_notice ORDER BY id DESC LIMIT 200")
    List<StaffNotice> findRecent();
}
