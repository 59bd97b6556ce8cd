package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ServiceTargetRepository extends CrudRepository<ServiceTargetRow, Long> {

    List<ServiceTargetRow> findByCommunityId(String communityId);

    @Query("UPDATE service_target SET within_minutes = :withinMinutes, by_appointment = :byAppointment,"
            + " updated_at = :at WHERE community_id = :communityId AND category = :category")
    int change(String communityId, String category, @Nullable Integer withinMinutes, boolean byAppointment,
               Instant at);

    @Query("INSERT INTO service_target (community_id, category, within_minutes, by_appointment, updated_at)"
            + " VALUES (:communityId, :category, :withinMinutes, :byAppointment, :at)")
    int add(String communityId, String category, @Nullable Integer withinMinutes, boolean byAppointment,
            Instant at);

    @Query("DELETE FROM service_target WHERE community_id = :communityId AND category = :category")
    int remove(String communityId, String category);
}
