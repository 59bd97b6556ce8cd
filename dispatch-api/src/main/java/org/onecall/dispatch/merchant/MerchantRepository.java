package org.onecall.dispatch.merchant;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface MerchantRepository extends CrudRepository<Merchant, Long> {

    List<Merchant> findByCommunityId(String communityId);

    List<String> findNameByCommunityId(String communityId);

    List<Merchant> findByIdIn(Collection<Long> ids);

    @Query("UPDATE merchant SET is_open = :open WHERE id = :id")
    int setOpen(long id, boolean open);

    /** Conditional, so two offers racing for the last job of the day cannot both take it. */
    @Query("UPDATE merchant SET jobs_counted = CASE WHEN counted_on = :today THEN jobs_counted + 1 ELSE 1 END,"
            + " counted_on = :today WHERE id = :merchantId AND community_id = :communityId AND is_open"
            + " AND (daily_capacity = 0 OR counted_on IS NULL OR counted_on <> :today"
            + " OR jobs_counted < daily_capacity)")
    int countJob(long merchantId, String communityId, LocalDate today);

    /** Gives a job back to the day it was counted on; a later day's count is left alone. */
    @Query("UPDATE merchant SET jobs_counted = jobs_counted - 1"
            + " WHERE id = :merchantId AND counted_on = :day AND jobs_counted > 0")
    int uncountJob(long merchantId, LocalDate day);
}
