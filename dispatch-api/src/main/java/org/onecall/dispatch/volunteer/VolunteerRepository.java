package org.onecall.dispatch.volunteer;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface VolunteerRepository extends CrudRepository<Volunteer, Long> {

    List<Volunteer> findByCommunityId(String communityId);

    List<Volunteer> findByPhone(String phone);

    List<Volunteer> findByIdIn(Collection<Long> ids);
    List<String> findPhoneByCommunityId(String communityId);

    /** Conditional, so two accepts racing for the last free slot cannot both win. */
    @Query("UPDATE volunteer SET active_jobs = active_jobs + 1, updated_at = :now"
            + " WHERE id = :id AND active AND on_duty AND active_jobs < max_concurrent_jobs")
    int takeJob(long id, Instant now);

    @Query("UPDATE volunteer SET active_jobs = active_jobs - 1, updated_at = :now WHERE id = :id AND active_jobs > 0")
    int releaseJob(long id, Instant now);

    @Query("UPDATE volunteer SET on_duty = :onDuty, updated_at = :now WHERE id = :id")
    int setOnDuty(long id, boolean onDuty, Instant now);

    @Query("UPDATE volunteer SET active = :active, updated_at = :now WHERE id = :id")
    int setActive(long id, boolean active, Instant now);

    @Query("UPDATE volunteer SET availability = :availability, leave_periods = :leavePeriods, updated_at = :now"
            + " WHERE id = :id")
    int setCalendar(long id, String availability, String leavePeriods, Instant now);
}
