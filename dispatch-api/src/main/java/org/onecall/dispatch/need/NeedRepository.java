package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface NeedRepository extends CrudRepository<Need, Long> {

    /** Compare-and-set on the owner: a hand-over of a need someone else just handed over changes nothing. */
    @Query("UPDATE need SET taken_by = :to, updated_at = :now WHERE id = :id AND taken_by = :from")
    int handOver(long id, String from, String to, Instant now);

    /** Compare-and-set on the status: only one of two racing transitions wins. */
    @Query("UPDATE need SET status = :to, match_attempt = :attempt, volunteer_id = :volunteerId, rating = :rating,"
            + " updated_at = :now WHERE id = :id AND status = :from AND match_attempt = :expectedAttempt")
    int transition(long id, String from, int expectedAttempt, String to, int attempt,
                   @Nullable Long volunteerId, @Nullable Integer rating, Instant now);

    List<Need> findByCommunityIdAndStatusInOrderByCreatedAt(String communityId, List<NeedStatus> statuses);

    /** What a volunteer holds now (the SMS replies act on these). */
    List<Need> findByVolunteerIdAndStatusInOrderById(long volunteerId, List<NeedStatus> statuses);

    List<Need> findByCommunityIdOrderByCreatedAtDesc(String communityId);

    /** The repeat-call look-up: an open need (neither closed nor cancelled) of this category for the household. */
    @Query("SELECT * FROM need WHERE household_id = :householdId AND category = :category"
            + " AND status NOT IN ('CLOSED', 'CANCELLED') ORDER BY id LIMIT 1")
    Optional<Need> findOpenOfCategory(long householdId, String category);

    /** First-contact responsibility: what an operator still has to follow up, soonest due first. */
    @Query("SELECT * FROM need WHERE taken_by = :takenBy AND status NOT IN ('CLOSED', 'CANCELLED')"
            + " ORDER BY due_at, id")
    List<Need> findOpenOwnedBy(String takenBy);

    /** The household card: its newest needs first. */
    @Query("SELECT * FROM need WHERE household_id = :householdId ORDER BY id DESC LIMIT :limit")
    List<Need> findRecentOfHousehold(long householdId, int limit);

    /** A grid leader's queue: needs of the community's households in these grids, newest first. */
    @Query("SELECT n.* FROM need n JOIN household h ON h.id = n.household_id"
            + " WHERE n.community_id = :communityId AND h.grid IN (:grids) ORDER BY n.created_at DESC, n.id DESC")
    List<Need> findInGrids(String communityId, Collection<String> grids);

    @Query("SELECT n.* FROM need n JOIN household h ON h.id = n.household_id"
            + " WHERE n.community_id = :communityId AND h.grid IN (:grids) AND n.status IN (:statuses)"
            + " ORDER BY n.created_at, n.id")
    List<Need> findInGridsWithStatus(String communityId, Collection<String> grids, Collection<String> statuses);

    @Query("SELECT n.* FROM need n JOIN household h ON h.id = n.household_id"
            + " WHERE n.community_id = :communityId AND h.grid IN (:grids) AND n.due_at < :now"
            + " AND n.status NOT IN ('DONE', 'CLOSED', 'CANCELLED') ORDER BY n.due_at, n.id")
    List<Need> findOverdueInGrids(String communityId, Collection<String> grids, Instant now);

    /** Past their due time and not yet served. */
    @Query("SELECT * FROM need WHERE community_id = :communityId AND due_at < :now"
            + " AND status NOT IN ('DONE', 'CLOSED', 'CANCELLED') ORDER BY due_at, id")
    List<Need> findOverdue(String communityId, Instant now);

    /** Waiting for someone and not on the ladder: the ones the ladder's job checks for a reason to climb. */
    @Query("SELECT n.* FROM need n LEFT JOIN need_escalation e ON e.need_id = n.id"
            + " WHERE n.status IN ('MATCHING', 'OFFERED', 'UNMATCHED', 'ESCALATED', 'REOPENED')"
            + " AND (e.need_id IS NULL OR e.active = FALSE) ORDER BY n.id LIMIT 500")
    List<Need> findWaitingOffLadder();

    /** The open needs of a community: everything not yet served or cancelled (DONE waits for the call-back). */
    @Query("SELECT * FROM need WHERE community_id = :communityId AND status NOT IN ('CLOSED', 'CANCELLED')"
            + " ORDER BY created_at, id")
    List<Need> findOpen(String communityId);

    @Query("SELECT * FROM need WHERE community_id = :communityId AND status = 'UNMATCHED' ORDER BY id")
    List<Need> findUnmatched(String communityId);

    @Query("SELECT DISTINCT community_id FROM need WHERE status = 'UNMATCHED'")
    List<String> findCommunitiesWithUnmatched();

    /**
     * ASSIGNED needs whose volunteer was due by {@code cutoff} (the appointment window's end, else the due time)
     * and not yet found late for that volunteer.
     */
    @Query("SELECT n.* FROM need n WHERE n.status = 'ASSIGNED' AND n.volunteer_id IS NOT NULL"
            + " AND COALESCE(n.window_end, n.due_at) < :cutoff AND NOT EXISTS (SELECT 1 FROM arrival_overdue a"
            + " WHERE a.need_id = n.id AND a.volunteer_id = n.volunteer_id) ORDER BY n.id LIMIT 500")
    List<Need> findNotArrivedBy(Instant cutoff);
}
