package org.onecall.notifier;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@Repository("notifier")
@JdbcRepository(dialect = Dialect.POSTGRES)
interface NeedCommunityRepository extends CrudRepository<NeedCommunity, Long> {

    /** The first event of a need wins; later and redelivered ones (or another instance's) change nothing. */
    @Query("INSERT INTO need_community (need_id, community_id) VALUES (:needId, :communityId) ON CONFLICT DO NOTHING")
    void remember(long needId, String communityId);
}
