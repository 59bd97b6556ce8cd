package org.onecall.dispatch.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.DispatchApi;
import org.onecall.dispatch.ResourceListsTestBase;
import org.onecall.dispatch.merchant.Merchant;
import org.onecall.dispatch.merchant.Merchants;
import org.onecall.dispatch.volunteer.NewVolunteer;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.VolunteerStatus;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.events.Category;

/**
 * Two dispatch-api instances on one database and one broker, as behind a load balancer: what one
 * writes shows in the other's service circle, which it answers from its own in-memory index.
 */
class ServiceCircleAcrossInstancesTest extends ResourceListsTestBase {

    private static final double LAT = 39.7275;
    private static final double LON = 116.3405;

    /** The other instance: its own application context, the same database and broker. */
    private ApplicationContext other;
    private Map<String, String> database;

    /** One in-memory database for both instances (the base class would give each call a new one). */
    @Override
    protected Map<String, String> database() {
        if (database == null) {
            database = super.database();
        }
        return database;
    }

    @BeforeAll
    void startTheOtherInstance() {
        Map<String, Object> p = new HashMap<>(getProperties());
        other = ApplicationContext.run(p, DispatchApi.ENVIRONMENT, "test");
    }

    @AfterAll
    void stopTheOtherInstance() {
        other.close();
    }

    @Test
    void writesMadeByAnotherInstanceReachThisInstancesCircle() {
        String c = newCommunity();
        long home = post("/api/communities/" + c + "/households", Map.of("headName", "赵大爷", "phone", "13900020001",
                "building", "1号楼", "address", "1号楼2单元301", "grid", "grid-1", "lat", LAT, "lon", LON))
                .get("id").asLong();
        assertEquals(0, circle(home).path("volunteers").size());

        Volunteers theirVolunteers = other.getBean(Volunteers.class);
        Volunteer v = theirVolunteers.register(c, new NewVolunteer("刘远方", "13800000077", List.of(Category.ERRANDS),
                LAT + 200 / 111_195d, LON, 1, true));
        Merchant m = other.getBean(Merchants.class).register(c, "远方药房", List.of("MEDICINE"), LAT, LON + 0.002, 30);

        JsonNode seen = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> circle(home), j -> ids(j.path("volunteers")).contains(v.id())
                        && ids(j.path("merchants")).contains(m.id()));
        assertEquals("刘*", seen.get("volunteers").get(0).get("displayName").asText());
        assertTrue(seen.get("volunteers").get(0).get("availableNow").asBoolean());

        // a change of state, not only a new row
        theirVolunteers.setStatus(v.id(), VolunteerStatus.SUSPENDED);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> !circle(home).get("volunteers").get(0).get("availableNow").asBoolean());
    }

    private JsonNode circle(long household) {
        return get("/api/households/" + household + "/service-circle");
    }

    private static List<Long> ids(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(n -> n.get("id").asLong()).toList();
    }
}
