package org.onecall.dispatch.rating;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.transaction.annotation.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface RatingRequestRepository extends CrudRepository<RatingRequest, Long> {

    @Query("SELECT * FROM rating_request WHERE household_id IN (:householdIds) AND answered_at IS NULL"
            + " ORDER BY asked_at DESC LIMIT 1")
    List<RatingRequest> findLatestOpen(Collection<Long> householdIds);

    @Query("SELECT * FROM rating_request WHERE answered_at IS NULL AND overdue_at IS NULL AND asked_at < :before"
            + " ORDER BY asked_at LIMIT 100")
    List<RatingRequest> findUnanswered(Instant before);

    @Transactional
    @Query("UPDATE rating_request SET answered_at = :at WHERE need_id = :needId AND answered_at IS NULL")
    int answer(long needId, Instant at);

    @Transactional
    @Query("UPDATE rating_request SET overdue_at = :at WHERE need_id = :needId AND overdue_at IS NULL")
    int overdue(long needId, Instant at);
}
