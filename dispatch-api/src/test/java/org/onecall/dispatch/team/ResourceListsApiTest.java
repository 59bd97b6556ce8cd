package org.onecall.dispatch.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.ResourceListsTestBase;
import org.onecall.events.EventJson;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;
import org.onecall.events.Topics;
import org.onecall.testsupport.TopicProbe;

/** Volunteers' calendar and status, teams and grids with the steward ratio, merchants, agreements, HSDS. */
class ResourceListsApiTest extends ResourceListsTestBase {

    static Map<String, Object> volunteer(String name, String phone, String kind, String grid) {
        Map<String, Object> v = new HashMap<>();
        v.put("name", name);
        v.put("phone", phone);
        v.put("skills", List.of("MEDICINE"));
        v.put("lat", 39.7275);
        v.put("lon", 116.3405);
        v.put("maxConcurrentJobs", 2);
        v.put("onDuty", true);
        v.put("kind", kind);
        v.put("grid", grid);
        return v;
    }

    @Test
    void aVolunteersCalendarAndStatusAreKeptAndPublishedWhole() {
        String c = newCommunity();
        Map<String, Object> body = volunteer("李建国", "138-0001-0001", "RETIRED_MEMBER", "grid-1");
        body.put("languages", List.of("普通话", "北京话"));
        body.put("availability", List.of(Map.of("day", "MONDAY", "from", "08:00", "to", "12:00")));
        body.put("leave", List.of(Map.of("from", "2030-12-01", "to", "2030-12-07")));
        body.put("joinedOn", "2024-05-01");
        JsonNode v = post("/api/communities/" + c + "/volunteers", body);
        long id = v.get("id").asLong();
        assertEquals("RETIRED_MEMBER", v.get("kind").asText());
        assertEquals("MON 08:00-12:00", v.get("availability").asText());
        assertEquals("2030-12-01~2030-12-07", v.get("leavePeriods").asText());
        assertTrue(v.get("active").asBoolean());

        JsonNode suspended = put("/api/volunteers/" + id + "/status", Map.of("status", "SUSPENDED"));
        assertFalse(suspended.get("active").asBoolean());
        JsonNode calendar = put("/api/volunteers/" + id + "/calendar", Map.of(
                "availability", List.of(Map.of("day", "SATURDAY", "from", "22:00", "to", "02:00")), "leave", List.of()));
        assertEquals("SAT 22:00-02:00", calendar.get("availability").asText());
        assertEquals("", calendar.path("leavePeriods").asText(), "no leave (an empty value is left out of the JSON)");

        try (TopicProbe resources = TopicProbe.open(Topics.RESOURCES)) {
            String json = resources.await(s -> s.contains("\"aggregateId\":\"volunteer-" + id + "\"")
                    && s.contains("SATURDAY") && s.contains("\"communityId\":\"" + c + "\""));
            VolunteerStateChanged state = (VolunteerStateChanged) EventJson.read(json).typedPayload();
            assertEquals("SUSPENDED", state.status());
            assertFalse(state.active());
            assertEquals(List.of("普通话", "北京话"), state.languages());
            assertEquals("李*", state.displayName());
        }

        var bad = refused(HttpRequest.PUT("/api/volunteers/" + id + "/calendar",
                Map.of("availability", List.of(Map.of("day", "MONDAY", "from", "25:00", "to", "12:00")))));
        assertEquals(400, bad.status(), bad.body().toString());
        var noStatus = refused(HttpRequest.PUT("/api/volunteers/" + id + "/status", Map.of()));
        assertEquals(400, noStatus.status());
    }

    @Test
    void theStewardRatioPerGridShowsCountsTargetAndShortfall() {
        String c = newCommunity();
        long leader = post("/api/communities/" + c + "/volunteers",
                volunteer("网格长", "13900000000", "STEWARD", "grid-1")).get("id").asLong();
        post("/api/communities/" + c + "/grids", Map.of("code", "grid-1", "name", "一网格", "leaderVolunteerId", leader));
        post("/api/communities/" + c + "/grids", Map.of("code", "grid-2", "name", "二网格"));
        int phone = 1;
        for (int i = 0; i < 3; i++) {
            post("/api/communities/" + c + "/volunteers", volunteer("退" + i, "1390000" + (1000 + phone++), "RETIRED_MEMBER", "grid-1"));
        }
        List<Long> inService = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            inService.add(post("/api/communities/" + c + "/volunteers",
                    volunteer("在" + i, "1390000" + (1000 + phone++), "IN_SERVICE_MEMBER", "grid-1")).get("id").asLong());
        }
        // a suspended member does not count
        put("/api/volunteers/" + inService.get(0) + "/status", Map.of("status", "SUSPENDED"));
        post("/api/communities/" + c + "/volunteers", volunteer("无网格", "1390000" + (1000 + phone), "RESIDENT", null));

        JsonNode ratio = get("/api/communities/" + c + "/steward-ratio");
        Map<String, JsonNode> byGrid = new HashMap<>();
        ratio.forEach(g -> byGrid.put(g.get("grid").asText(), g));
        assertEquals(List.of("(none)", "grid-1", "grid-2"), StreamSupport.stream(ratio.spliterator(), false)
                .map(g -> g.get("grid").asText()).toList());
        JsonNode g1 = byGrid.get("grid-1");
        assertEquals(leader, g1.get("leaderVolunteerId").asLong());
        assertEquals(1, g1.get("counts").get("STEWARD").asInt());
        assertEquals(3, g1.get("counts").get("RETIRED_MEMBER").asInt());
        assertEquals(11, g1.get("counts").get("IN_SERVICE_MEMBER").asInt());
        // 11 in-service members need two units: 2 stewards, 10 retired, 20 in-service
        assertEquals(2, g1.get("target").get("STEWARD").asInt());
        assertEquals(1, g1.get("shortfall").get("STEWARD").asInt());
        assertEquals(7, g1.get("shortfall").get("RETIRED_MEMBER").asInt());
        assertEquals(9, g1.get("shortfall").get("IN_SERVICE_MEMBER").asInt());
        assertFalse(g1.get("balanced").asBoolean());
        JsonNode g2 = byGrid.get("grid-2");
        assertEquals(1, g2.get("shortfall").get("STEWARD").asInt(), "an empty grid needs one unit");
        assertEquals(10, g2.get("shortfall").get("IN_SERVICE_MEMBER").asInt());
        assertEquals(1, byGrid.get("(none)").get("counts").get("RESIDENT").asInt());

        var dup = refused(HttpRequest.POST("/api/communities/" + c + "/grids", Map.of("code", "grid-1", "name", "x")));
        assertEquals(409, dup.status());
    }

    @Test
    void teamsHaveLeadersAndMembersAndAVolunteerSeesTheirRoles() {
        String c = newCommunity();
        long lead = post("/api/communities/" + c + "/volunteers", volunteer("队长", "13700000001", "IN_SERVICE_MEMBER", "g"))
                .get("id").asLong();
        long member = post("/api/communities/" + c + "/volunteers", volunteer("队员", "13700000002", "RESIDENT", "g"))
                .get("id").asLong();
        JsonNode team = post("/api/communities/" + c + "/teams",
                Map.of("name", "调解队", "specialty", "MEDIATION", "leaderVolunteerId", lead));
        long teamId = team.get("team").get("id").asLong();
        JsonNode withMember = post("/api/teams/" + teamId + "/members", Map.of("volunteerId", member));
        assertEquals(List.of(lead, member), StreamSupport.stream(withMember.get("memberIds").spliterator(), false)
                .map(JsonNode::asLong).toList());
        post("/api/communities/" + c + "/grids", Map.of("code", "g", "name", "网格", "leaderVolunteerId", lead));

        JsonNode roles = get("/api/volunteers/" + lead + "/roles");
        assertEquals("LEADER", roles.get("teams").get(0).get("role").asText());
        assertEquals("g", roles.get("gridLeaderOf").get(0).asText());
        assertEquals("MEMBER", get("/api/volunteers/" + member + "/roles").get("teams").get(0).get("role").asText());

        String other = newCommunity();
        var foreign = refused(HttpRequest.POST("/api/communities/" + other + "/teams",
                Map.of("name", "巡逻队", "leaderVolunteerId", lead)));
        assertEquals(400, foreign.status());
        assertEquals("leaderVolunteerId", foreign.body().toString().contains("leaderVolunteerId") ? "leaderVolunteerId" : foreign.body().toString());
    }

    @Test
    void merchantsWithOfferingsHoursAndAgreementsExportAsHsds() {
        String c = newCommunity();
        post("/api/communities/" + c + "/volunteers", volunteer("李建国", "13800010001", "RETIRED_MEMBER", "grid-1"));
        Map<String, Object> m = new HashMap<>();
        m.put("name", "兴华社区卫生服务站");
        m.put("kind", "PARTNER_UNIT");
        m.put("offerings", List.of(Map.of("category", "MEDICINE", "description", "常用药代购，当日送达"),
                Map.of("category", "HOSPITAL_ESCORT", "description", "每周二义诊")));
        m.put("lat", 39.728);
        m.put("lon", 116.341);
        m.put("dailyCapacity", 30);
        m.put("fulfilment", "DELIVERY");
        m.put("openingHours", List.of(Map.of("day", "MONDAY", "from", "08:00", "to", "17:00"),
                Map.of("day", "TUESDAY", "from", "08:00", "to", "17:00")));
        m.put("address", "兴华南里8号");
        JsonNode merchant = post("/api/communities/" + c + "/merchants", m);
        long id = merchant.get("merchant").get("id").asLong();
        assertEquals(2, merchant.get("offerings").size());
        assertEquals("MON 08:00-17:00,TUE 08:00-17:00", merchant.get("merchant").get("openingHours").asText());

        try (TopicProbe resources = TopicProbe.open(Topics.RESOURCES)) {
            MerchantStateChanged state = (MerchantStateChanged) EventJson.read(resources.await(s ->
                    s.contains("\"aggregateId\":\"merchant-" + id + "\"") && s.contains(c))).typedPayload();
            assertEquals(2, state.openingHours().size());
            assertEquals("DELIVERY", state.fulfilment());
            assertEquals("PARTNER_UNIT", state.kind());
            assertEquals(List.of("MEDICINE", "HOSPITAL_ESCORT"), state.categories());
        }

        JsonNode agreement = post("/api/communities/" + c + "/agreements", Map.of("partnerId", id,
                "title", "共建协议：送药上门", "signedOn", LocalDate.now().minusDays(3).toString(),
                "terms", "每月为辖区独居老人送药两次"));
        assertEquals(id, agreement.get("partnerId").asLong());
        assertEquals(1, get("/api/communities/" + c + "/agreements").size());
        String other = newCommunity();
        assertEquals(400, refused(HttpRequest.POST("/api/communities/" + other + "/agreements", Map.of("partnerId", id,
                "title", "x", "signedOn", "2024-01-01", "terms", "y"))).status());

        JsonNode hsds = get("/api/communities/" + c + "/hsds");
        assertEquals(2, hsds.get("organizations").size(), "the community and the partner unit");
        assertEquals(1, hsds.get("locations").size(), "volunteers' homes are never published");
        assertEquals(39.728, hsds.get("locations").get(0).get("latitude").asDouble());
        List<String> services = StreamSupport.stream(hsds.get("services").spliterator(), false)
                .map(s -> s.get("id").asText()).toList();
        assertTrue(services.contains("community-" + c + "-MEDICINE"), services.toString());
        assertTrue(services.contains("merchant-" + id + "-HOSPITAL_ESCORT"), services.toString());
        assertEquals(4, hsds.get("schedules").size(), "two services x two opening days");
        JsonNode schedule = hsds.get("schedules").get(0);
        assertEquals("WEEKLY", schedule.get("freq").asText());
        assertEquals("MO", schedule.get("byday").asText());
        assertEquals("08:00", schedule.get("opens_at").asText());
        assertEquals(2, hsds.get("service_at_locations").size());
        assertFalse(hsds.toString().contains("13800010001"), "no phone of a volunteer");
    }
}
