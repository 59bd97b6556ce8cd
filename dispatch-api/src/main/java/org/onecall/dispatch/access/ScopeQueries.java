package org.onecall.dispatch.access;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/**
 * The few look-ups authorisation needs, read straight from the tables: one row by primary key each,
 * joined to its community (for the street) and, for household-bound things, to the household (for
 * the grid).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ScopeQueries extends GenericRepository<ScopeQueries.CommunityKey, String> {
    // parameters are never named "id": Micronaut Data would bind them with the entity's id type (text)

    /**
     * The repository's nominal entity: a community's key only. Every look-up is a query of its own, so
     * authorisation (plumbing) needs no feature's entity class.
     */
    @io.micronaut.data.annotation.MappedEntity("community")
    record CommunityKey(@io.micronaut.data.annotation.Id String id) {
    }

    /** A community-wide thing: its community and that community's street. */
    @Introspected
    record Where(String communityId, @Nullable String streetId) {
    }

    /** A household-bound thing: also the household's grid; {@code householdId} null when it has no household. */
    @Introspected
    record HouseholdWhere(String communityId, @Nullable String streetId, @Nullable Long householdId,
                          @Nullable String grid) {
    }

    @Query("SELECT c.id AS community_id, c.street_id FROM community c WHERE c.id = :communityId")
    Optional<Where> community(String communityId);

    @Query("SELECT h.community_id, c.street_id, h.id AS household_id, h.grid FROM household h"
            + " JOIN community c ON c.id = h.community_id WHERE h.id = :thingId")
    Optional<HouseholdWhere> household(long thingId);

    @Query("SELECT n.community_id, c.street_id, h.id AS household_id, h.grid FROM need n"
            + " JOIN household h ON h.id = n.household_id JOIN community c ON c.id = n.community_id"
            + " WHERE n.id = :thingId")
    Optional<HouseholdWhere> need(long thingId);

    @Query("SELECT n.community_id, c.street_id, h.id AS household_id, h.grid FROM offer o"
            + " JOIN need n ON n.id = o.need_id JOIN household h ON h.id = n.household_id"
            + " JOIN community c ON c.id = n.community_id WHERE o.id = :thingId")
    Optional<HouseholdWhere> offer(long thingId);

    /** A micro-wish is its household's; a project (no household) the whole community's. */
    @Query("SELECT w.community_id, c.street_id, h.id AS household_id, h.grid FROM wish w"
            + " JOIN community c ON c.id = w.community_id LEFT JOIN household h ON h.id = w.household_id"
            + " WHERE w.id = :thingId")
    Optional<HouseholdWhere> wish(long thingId);

    @Query("SELECT x.community_id, c.street_id FROM volunteer x JOIN community c ON c.id = x.community_id"
            + " WHERE x.id = :thingId")
    Optional<Where> volunteer(long thingId);

    @Query("SELECT x.community_id, c.street_id FROM team x JOIN community c ON c.id = x.community_id"
            + " WHERE x.id = :thingId")
    Optional<Where> team(long thingId);

    @Query("SELECT x.community_id, c.street_id FROM merchant x JOIN community c ON c.id = x.community_id"
            + " WHERE x.id = :thingId")
    Optional<Where> merchant(long thingId);

    @Query("SELECT x.community_id, c.street_id FROM import_job x JOIN community c ON c.id = x.community_id"
            + " WHERE x.id = :thingId")
    Optional<Where> importJob(String thingId);

    @Query("SELECT COUNT(*) FROM need n WHERE n.id = :needId AND (n.volunteer_id = :volunteerId"
            + " OR EXISTS (SELECT 1 FROM offer o WHERE o.need_id = n.id AND o.volunteer_id = :volunteerId))")
    long volunteerTouchesNeed(long needId, long volunteerId);

    @Query("SELECT COUNT(*) FROM wish w JOIN volunteer v ON v.community_id = w.community_id"
            + " WHERE w.id = :wishId AND v.id = :volunteerId")
    long wishInVolunteersCommunity(long wishId, long volunteerId);

    @Query("SELECT COUNT(*) FROM offer WHERE id = :offerId AND volunteer_id = :volunteerId")
    long offerMadeTo(long offerId, long volunteerId);
}
