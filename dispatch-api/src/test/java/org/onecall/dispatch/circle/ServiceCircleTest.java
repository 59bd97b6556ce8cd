package org.onecall.dispatch.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.ResourceListsTestBase;

/** The 15-minute circle of a household, answered from the in-memory index, kept current and rebuilt. */
class ServiceCircleTest extends ResourceListsTestBase {

    private static final double LAT = 39.7275;
    private static final double LON = 116.3405;

    @Inject
    ResourceMap map;

    @Test
    void theCircleHoldsTheResourcesWithinTheWalkNearestFirstAndFollowsWrites() {
        String c = newCommunity();
        long home = post("/api/communities/" + c + "/households", Map.of("headName", "赵大爷", "phone", "13900020001",
                "building", "1号楼", "address", "1号楼2单元301", "grid", "grid-1", "lat", LAT, "lon", LON))
                .get("id").asLong();
        long near = volunteer(c, "张近", "13800000001", 300);
        long nearer = volunteer(c, "王更近", "13800000002", 100);
        volunteer(c, "李远", "13800000003", 2000);
        long shop = merchant(c, "邻里药房", 800);
        merchant(c, "远处超市", 1500);
        // another community's volunteer next door is not in this circle
        String other = newCommunity();
        volunteer(other, "隔壁社区", "13800000004", 50);

        JsonNode circle = get("/api/households/" + home + "/service-circle");
        assertEquals(1200, circle.get("radiusMeters").asInt());
        assertEquals(List.of(nearer, near), ids(circle.get("volunteers")));
        assertEquals(List.of(shop), ids(circle.get("merchants")));
        JsonNode first = circle.get("volunteers").get(0);
        assertEquals("王*", first.get("displayName").asText());
        assertTrue(first.get("metres").asInt() >= 95 && first.get("metres").asInt() <= 105, first.toString());
        assertTrue(first.get("availableNow").asBoolean());

        // a write shows at once; a suspended volunteer stays on the map but is not available
        long newcomer = volunteer(c, "刘新", "13800000005", 600);
        put("/api/volunteers/" + nearer + "/status", Map.of("status", "SUSPENDED"));
        circle = get("/api/households/" + home + "/service-circle");
        assertEquals(List.of(nearer, near, newcomer), ids(circle.get("volunteers")));
        assertFalse(circle.get("volunteers").get(0).get("availableNow").asBoolean());

        // the radius is configurable per request, within bounds
        assertEquals(4, get("/api/households/" + home + "/service-circle?radius=2500").get("volunteers").size());
        assertEquals(400, refused(HttpRequest.GET("/api/households/" + home + "/service-circle?radius=99999")).status());

        // rebuilt from the database (as at start), it answers the same
        map.rebuild();
        JsonNode rebuilt = get("/api/households/" + home + "/service-circle");
        assertEquals(circle, rebuilt);
    }

    private long volunteer(String community, String name, String phone, double metresNorth) {
        Map<String, Object> v = new HashMap<>();
        v.put("name", name);
        v.put("phone", phone);
        v.put("skills", List.of("ERRANDS"));
        v.put("lat", LAT + metresNorth / 111_195d);
        v.put("lon", LON);
        v.put("maxConcurrentJobs", 1);
        v.put("onDuty", true);
        return post("/api/communities/" + community + "/volunteers", v).get("id").asLong();
    }

    private long merchant(String community, String name, double metresEast) {
        return post("/api/communities/" + community + "/merchants", Map.of("name", name, "kind", "MERCHANT",
                "offerings", List.of(Map.of("category", "MEDICINE", "description", "药品")), "lat", LAT,
                "lon", LON + metresEast / (111_195d * Math.cos(Math.toRadians(LAT))), "dailyCapacity", 10,
                "fulfilment", "PICKUP")).get("merchant").get("id").asLong();
    }

    private static List<Long> ids(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(n -> n.get("id").asLong()).toList();
    }
}
