package org.onecall.dispatch.callback;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface CallbackTaskRepository extends CrudRepository<CallbackTask, Long> {

    Optional<CallbackTask> findByNeedIdAndReasonAndSourceKey(long needId, String reason, String sourceKey);

    @Query("SELECT * FROM callback_task WHERE owner = :owner AND closed_at IS NULL ORDER BY id")
    List<CallbackTask> findOpenOwnedBy(String owner);

    @Query("SELECT * FROM callback_task WHERE community_id IN (:communities) AND closed_at IS NULL ORDER BY id")
    List<CallbackTask> findOpenIn(List<String> communities);

    @Query("UPDATE callback_task SET closed_at = :at, closed_by = :by, outcome = :outcome WHERE id = :id AND closed_at IS NULL")
    int close(long id, Instant at, String by, String outcome);
}
