package org.onecall.dispatch.need;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OfferRepository extends CrudRepository<Offer, Long> {

    @Query("UPDATE offer SET status = :to, responded_at = :at WHERE id = :id AND status = 'PENDING'")
    int respond(long id, String to, Instant at);

    List<Offer> findByVolunteerIdOrderByIdDesc(long volunteerId);

    List<Offer> findByVolunteerIdAndStatusOrderByIdDesc(long volunteerId, OfferStatus status);

    List<Offer> findByNeedIdOrderById(long needId);

    @Query("SELECT * FROM offer WHERE status = 'PENDING' AND expires_at < :now ORDER BY expires_at LIMIT 100")
    List<Offer> findDue(Instant now);

    long countByNeedIdAndStatus(long needId, OfferStatus status);

    @Query("SELECT * FROM offer WHERE need_id IN (:needIds) AND status = 'PENDING' ORDER BY id")
    List<Offer> findPendingForNeeds(java.util.Collection<Long> needIds);
}
