package org.onecall.dispatch.need;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AppointmentRepository extends GenericRepository<Need, Long> {

    /** Appointments still waiting whose window opens before {@code until}: their matching is due. */
    @Query("SELECT * FROM need WHERE status = 'OPEN' AND window_start IS NOT NULL AND window_start <= :until"
            + " ORDER BY window_start, id LIMIT 100")
    List<Need> dueToMatch(Instant until);
}
