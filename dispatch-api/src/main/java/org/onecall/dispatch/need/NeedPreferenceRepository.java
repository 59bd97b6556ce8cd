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

    @Query("SELECT * FROM need_preference WHERE need_id IN (:needIds)")
    List<NeedPreference> findForNeeds(Collection<Long> needIds);
}
