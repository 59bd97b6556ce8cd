package org.onecall.dispatch.need;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface NeedPreferenceRepository extends CrudRepository<NeedPreference, Long> {

    /**
     * The household's earlier helpers it did not complain about: volunteers who held one of its closed
     * needs rated 3 or more (or not rated), most recent first.
     */
    @Query("SELECT volunteer_id FROM need WHERE household_id = :householdId AND id <> :exceptNeedId"
            + " AND status = 'CLOSED' AND volunteer_id IS NOT NULL AND (rating IS NULL OR rating >= 3)"
            + " GROUP BY volunteer_id ORDER BY MAX(updated_at) DESC LIMIT 5")
    List<Long> pastHelpers(long householdId, long exceptNeedId);

    /**
     * The volunteers paired one-to-one with the household (an active pairing) whom none of its complaints
     * names: the helper it knows best, asked before anyone else.
     */
    @Query("SELECT p.volunteer_id FROM pairing p WHERE p.household_id = :householdId AND p.active = TRUE"
            + " AND NOT EXISTS (SELECT 1 FROM complaint c WHERE c.household_id = p.household_id"
            + " AND c.volunteer_id = p.volunteer_id) ORDER BY p.id")
    List<Long> pairedHelpers(long householdId);

    @Query("SELECT * FROM need_preference WHERE need_id IN (:needIds)")
    List<NeedPreference> findForNeeds(Collection<Long> needIds);
}
