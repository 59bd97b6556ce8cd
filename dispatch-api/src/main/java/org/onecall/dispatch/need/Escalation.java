package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Where a need stands on the ladder. {@code levelDueAt}: when it climbs again unless someone acts (null
 * at the top); {@code recipients}: who was told at this rung, {@code u:username} and {@code v:volunteerId}
 * comma-separated; {@code active} false once the need is held, served or cancelled.
 */
@MappedEntity("need_escalation")
record Escalation(@Id long needId, String communityId, Rung level, Instant levelSince, @Nullable Instant levelDueAt,
                  String triggerReason, String recipients, boolean overdueFlagged, boolean active,
                  @Nullable Long departmentId, @Nullable String departmentAnswer,
                  @Nullable Instant departmentAnsweredAt, Instant updatedAt) {

    List<String> usernames() {
        return part("u:");
    }

    List<Long> volunteerIds() {
        return part("v:").stream().map(Long::valueOf).toList();
    }

    static String recipients(Collection<String> usernames, Collection<Long> volunteerIds) {
        return String.join(",", java.util.stream.Stream.concat(usernames.stream().map(u -> "u:" + u),
                volunteerIds.stream().map(v -> "v:" + v)).toList());
    }

    private List<String> part(String prefix) {
        return recipients.isEmpty() ? List.of() : Arrays.stream(recipients.split(","))
                .filter(r -> r.startsWith(prefix)).map(r -> r.substring(prefix.length())).toList();
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Repository extends CrudRepository<Escalation, Long> {

        /** Due to climb: on the ladder, its rung's time is up. */
        @Query("SELECT * FROM need_escalation WHERE active = TRUE AND level_due_at < :now ORDER BY level_due_at"
                + " LIMIT 200")
        List<Escalation> findDue(Instant now);

        /** On the ladder and past the need's service target, not flagged yet. */
        @Query("SELECT e.* FROM need_escalation e JOIN need n ON n.id = e.need_id WHERE e.active = TRUE"
                + " AND e.overdue_flagged = FALSE AND n.due_at < :now LIMIT 200")
        List<Escalation> findNewlyOverdue(Instant now);

        /** On the ladder although someone holds the need now, or it is over. */
        @Query("SELECT e.* FROM need_escalation e JOIN need n ON n.id = e.need_id WHERE e.active = TRUE"
                + " AND n.status IN ('ASSIGNED', 'ON_SITE', 'DONE', 'CLOSED', 'CANCELLED') LIMIT 200")
        List<Escalation> findSettled();

        List<Escalation> findByCommunityIdAndActive(String communityId, boolean active);

        @Query("SELECT * FROM need_escalation WHERE need_id IN (:needIds)")
        List<Escalation> findForNeeds(Collection<Long> needIds);
    }
}
