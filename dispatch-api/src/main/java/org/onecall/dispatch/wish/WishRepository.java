package org.onecall.dispatch.wish;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Public for the household's case diary: {@link #findByHouseholdId} lists a resident's wishes. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface WishRepository extends CrudRepository<Wish, Long> {

    /** The resident's micro-wishes, oldest first (for the case diary, 民情日记). */
    List<Wish> findByHouseholdIdOrderById(long householdId);

    default List<Wish> findByHouseholdId(long householdId) {
        return findByHouseholdIdOrderById(householdId);
    }

    List<Wish> findByCommunityIdOrderById(String communityId);

    List<Wish> findByCommunityIdAndStatusOrderById(String communityId, Wish.WishStatus status);

    List<Wish> findByCommunityIdAndAgreementIdOrderById(String communityId, long agreementId);

    /** A grid leader's list: the community's projects and the micro-wishes of households in these grids. */
    @Query("SELECT w.* FROM wish w LEFT JOIN household h ON h.id = w.household_id WHERE w.community_id = :communityId"
            + " AND (w.household_id IS NULL OR h.grid IN (:grids)) ORDER BY w.id")
    List<Wish> findInGrids(String communityId, Collection<String> grids);

    @Query("SELECT w.* FROM wish w LEFT JOIN household h ON h.id = w.household_id WHERE w.community_id = :communityId"
            + " AND (w.household_id IS NULL OR h.grid IN (:grids)) AND w.status = :status ORDER BY w.id")
    List<Wish> findInGridsWithStatus(String communityId, Collection<String> grids, String status);

    /** Claims only an open wish: of two claimants exactly one gets 1. */
    @Query("UPDATE wish SET status = 'CLAIMED', claimant_kind = :kind, claimant = :claimant,"
            + " volunteer_id = :volunteerId, merchant_id = :merchantId, claimed_at = :at"
            + " WHERE id = :id AND status = 'OPEN'")
    int claim(long id, String kind, String claimant, @Nullable Long volunteerId, @Nullable Long merchantId,
              Instant at);

    @Query("UPDATE wish SET status = 'FULFILLED', fulfilled_by = :by, fulfilled_at = :at, fulfilment_note = :note"
            + " WHERE id = :id AND status = 'CLAIMED'")
    int fulfil(long id, String by, @Nullable String note, Instant at);
}
