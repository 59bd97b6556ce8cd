package org.onecall.dispatch.diary;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

/**
 * Both halves of the diary, newest first, each strictly after a cursor: entries at {@code at} come
 * only with an id below {@code maxId} (the caller works out what that means across the halves).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DiaryRepository extends CrudRepository<DiaryNote, Long> {

    @Query("SELECT * FROM diary_note WHERE household_id = :householdId"
            + " AND (occurred_at < :at OR (occurred_at = :at AND id < :maxId))"
            + " ORDER BY occurred_at DESC, id DESC LIMIT :limit")
    List<DiaryNote> notes(long householdId, Instant at, long maxId, int limit);

    /** Every transition of the household's needs: need_history is the lifecycle's own record. */
    @Query("SELECT h.id, h.need_id, n.category, h.occurred_at, h.event_type, h.from_status, h.to_status, h.actor,"
            + " h.detail FROM need_history h JOIN need n ON n.id = h.need_id WHERE n.household_id = :householdId"
            + " AND (h.occurred_at < :at OR (h.occurred_at = :at AND h.id < :maxId))"
            + " ORDER BY h.occurred_at DESC, h.id DESC LIMIT :limit")
    List<Transition> transitions(long householdId, Instant at, long maxId, int limit);

    /** Micro-wishes and projects for the household: published, claimed, fulfilled (wish_history). */
    @Query("SELECT h.id, h.wish_id, w.title, h.occurred_at, h.event_type, h.actor, h.detail"
            + " FROM wish_history h JOIN wish w ON w.id = h.wish_id WHERE h.household_id = :householdId"
            + " AND (h.occurred_at < :at OR (h.occurred_at = :at AND h.id < :maxId))"
            + " ORDER BY h.occurred_at DESC, h.id DESC LIMIT :limit")
    List<WishLine> wishes(long householdId, Instant at, long maxId, int limit);

    @Introspected
    record WishLine(long id, long wishId, String title, Instant occurredAt, String eventType, String actor,
                    @Nullable String detail) {
    }

    @Introspected
    record Transition(long id, long needId, String category, Instant occurredAt, String eventType,
                      @Nullable String fromStatus, String toStatus, String actor, @Nullable String detail) {
    }
}
