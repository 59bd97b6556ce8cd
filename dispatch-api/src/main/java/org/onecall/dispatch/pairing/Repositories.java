package org.onecall.dispatch.pairing;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

final class Repositories {

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface PairingRepository extends CrudRepository<Pairing, Long> {
        List<Pairing> findByActiveTrueOrderById();

        List<Pairing> findByCommunityIdOrderById(String communityId);

        @Query("UPDATE pairing SET missed_in_row = :missed WHERE id = :pairingId")
        int setMissed(long pairingId, int missed);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface VisitRepository extends CrudRepository<PairingVisit, Long> {
        boolean existsByPairingIdAndWindowStart(long pairingId, Instant windowStart);

        @Query("SELECT * FROM pairing_visit WHERE status = 'SCHEDULED' AND window_end <= :now ORDER BY window_end, id"
                + " LIMIT 100")
        List<PairingVisit> due(Instant now);

        /** Compare-and-set: of two instances checking the same visit, one records the outcome. */
        @Query("UPDATE pairing_visit SET status = :to, checked_at = :at WHERE id = :visitId AND status = 'SCHEDULED'")
        int settle(long visitId, String to, Instant at);

        List<PairingVisit> findByPairingIdOrderByWindowStartDesc(long pairingId);
    }

    private Repositories() {
    }
}
