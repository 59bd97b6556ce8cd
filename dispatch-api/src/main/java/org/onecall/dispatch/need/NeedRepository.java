package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface NeedRepository extends CrudRepository<Need, Long> {

    /** Compare-and-set on the status: only one of two racing transitions wins. */
    @Query("UPDATE need SET status = :to, match_attempt = :attempt, volunteer_id = :volunteerId, rating = :rating,"
            + " updated_at = :now WHERE id = :id AND status = :from AND match_attempt = :expectedAttempt")
    int transition(long id, String from, int expectedAttempt, String to, int attempt,
                   @Nullable Long volunteerId, @Nullable Integer rating, Instant now);

    List<Need> findByCommunityIdAndStatusInOrderByCreatedAt(String communityId, List<NeedStatus> statuses);

    List<Need> findByCommunityIdOrderByCreatedAtDesc(String communityId);
}
