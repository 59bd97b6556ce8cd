package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OfferScoreRepository extends CrudRepository<OfferScore, Long> {

    /** A scored offer of one of these needs, oldest first (the last per need is its latest proposal). */
    @Introspected
    record Proposal(long needId, long volunteerId, double score, String parts) {
    }

    @Query("SELECT o.need_id, o.volunteer_id, s.score, s.parts FROM offer o JOIN offer_score s ON s.offer_id = o.id"
            + " WHERE o.need_id IN (:needIds) ORDER BY o.id")
    List<Proposal> findForNeeds(Collection<Long> needIds);
}
