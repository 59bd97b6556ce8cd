package org.onecall.dispatch.complaint;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ComplaintRepository extends CrudRepository<Complaint, Long> {

    List<Complaint> findByNeedIdOrderById(long needId);

    /** Compare-and-set: a complaint is resolved once. */
    @Query("UPDATE complaint SET status = 'RESOLVED', resolution = :resolution, resolved_by = :by, resolved_at = :at"
            + " WHERE id = :complaintId AND status = 'OPEN'")
    int resolve(long complaintId, String resolution, String by, Instant at);

    @Query("SELECT * FROM complaint WHERE community_id = :communityId AND created_at >= :from AND created_at < :to"
            + " ORDER BY created_at DESC, id DESC")
    List<Complaint> inCommunity(String communityId, Instant from, Instant to);

    @Query("SELECT c.* FROM complaint c JOIN household h ON h.id = c.household_id WHERE c.community_id = :communityId"
            + " AND h.grid IN (:grids) AND c.created_at >= :from AND c.created_at < :to ORDER BY c.created_at DESC, c.id DESC")
    List<Complaint> inGrids(String communityId, Collection<String> grids, Instant from, Instant to);
}
