package org.onecall.dispatch.hours;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface HoursRepository extends CrudRepository<HoursRecord, Long> {

    boolean existsByNeedIdAndVolunteerIdAndStartedAt(long needId, long volunteerId, Instant startedAt);

    List<HoursRecord> findByVolunteerIdOrderByStartedAtDesc(long volunteerId);

    @Query("SELECT * FROM volunteer_hours WHERE community_id = :communityId AND started_at >= :from"
            + " AND started_at < :to ORDER BY volunteer_id, started_at")
    List<HoursRecord> inCommunity(String communityId, Instant from, Instant to);
}
