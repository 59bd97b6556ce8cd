package org.onecall.dispatch.access;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import org.onecall.dispatch.community.Community;

/** The few look-ups authorisation needs, read straight from the tables: one indexed row each. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ScopeQueries extends GenericRepository<Community, String> {
    // parameters are never named "id": Micronaut Data would bind them with the entity's id type (text)

    @Query("SELECT community_id FROM need WHERE id = :thingId")
    Optional<String> needCommunity(long thingId);

    @Query("SELECT community_id FROM household WHERE id = :thingId")
    Optional<String> householdCommunity(long thingId);

    @Query("SELECT community_id FROM volunteer WHERE id = :thingId")
    Optional<String> volunteerCommunity(long thingId);

    @Query("SELECT n.community_id FROM offer o JOIN need n ON n.id = o.need_id WHERE o.id = :thingId")
    Optional<String> offerCommunity(long thingId);

    @Query("SELECT COUNT(*) FROM need n WHERE n.id = :needId AND (n.volunteer_id = :volunteerId"
            + " OR EXISTS (SELECT 1 FROM offer o WHERE o.need_id = n.id AND o.volunteer_id = :volunteerId))")
    long volunteerTouchesNeed(long needId, long volunteerId);

    @Query("SELECT community_id FROM team WHERE id = :thingId")
    Optional<String> teamCommunity(long thingId);

    @Query("SELECT community_id FROM merchant WHERE id = :thingId")
    Optional<String> merchantCommunity(long thingId);

    @Query("SELECT community_id FROM import_job WHERE id = :thingId")
    Optional<String> importCommunity(String thingId);

    @Query("SELECT community_id FROM wish WHERE id = :thingId")
    Optional<String> wishCommunity(long thingId);

    @Query("SELECT COUNT(*) FROM wish w JOIN volunteer v ON v.community_id = w.community_id"
            + " WHERE w.id = :wishId AND v.id = :volunteerId")
    long wishInVolunteersCommunity(long wishId, long volunteerId);

    @Query("SELECT COUNT(*) FROM offer WHERE id = :offerId AND volunteer_id = :volunteerId")
    long offerMadeTo(long offerId, long volunteerId);
}
