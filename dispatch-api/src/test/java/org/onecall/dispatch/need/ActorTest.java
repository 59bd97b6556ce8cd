package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.Api.Reply;
import org.onecall.dispatch.Databases;
import org.onecall.dispatch.DispatchTest;
import org.onecall.testsupport.TestTokens;

/**
 * Who did it comes from the sign-in, never from the body (issue 11, contract C1/C2): the owner of a
 * need, the author of a cancellation or a rating, staff acting for a volunteer, and the hand-over of
 * ownership to another operator or coordinator.
 */
class ActorTest extends DispatchTest {

    String community;
    long household;
    long volunteer;
    String wang;

    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }

    @BeforeAll
    void staff() {
        community = api.community();
        household = api.household(community);
        volunteer = api.volunteer(community);
        for (String[] a : List.of(new String[] {"operator-wang", "OPERATOR"}, new String[] {"operator-zhao", "OPERATOR"},
                new String[] {"coordinator-li", "COORDINATOR"})) {
            api.post("/api/accounts", Map.of("username", a[0] + "-" + community.substring(2, 8), "displayName", a[0],
                    "role", a[1], "communities", List.of(community))).expect(201);
        }
        wang = token("operator-wang");
    }

    String name(String who) {
        return who + "-" + community.substring(2, 8);
    }

    String token(String who) {
        return TestTokens.token(name(who), "OPERATOR", List.of(community), null);
    }

    Map<String, Object> form() {
        return new HashMap<>(Map.of("householdId", household, "category", "MEALS", "urgency", "TODAY",
                "description", "午饭送到家", "separate", true));
    }

    @Test
    void theOwnerIsTheSignedInOperatorAndABodyNamingOneIsRefused() {
        Map<String, Object> claimed = form();
        claimed.put("takenBy", "operator-someone-else");
        Reply refused = api.as(wang, "POST", "/api/needs", claimed);
        assertEquals(400, refused.status(), refused::raw);
        assertTrue(refused.fields().contains("takenBy"), refused::raw);

        JsonNode need = api.as(wang, "POST", "/api/needs", form()).expect(201);
        assertEquals(name("operator-wang"), need.get("takenBy").asText());
        assertEquals(name("operator-wang"), api.history(need.get("id").asLong()).get(0).get("actor").asText());

        long id = need.get("id").asLong();
        Reply wrongBy = api.as(wang, "POST", "/api/needs/" + id + "/cancellation", Map.of("reason", "不要了",
                "by", "operator-zhao"));
        assertEquals(400, wrongBy.status(), wrongBy::raw);
        assertTrue(wrongBy.fields().contains("by"), wrongBy::raw);
        JsonNode cancelled = api.as(wang, "POST", "/api/needs/" + id + "/cancellation", Map.of("reason", "不要了"))
                .expect(200);
        assertEquals("CANCELLED", cancelled.get("status").asText());
        List<JsonNode> history = api.history(id);
        assertEquals(name("operator-wang"), history.get(history.size() - 1).get("actor").asText());
    }

    @Test
    void staffActingForAVolunteerAreBothInTheHistoryAndEveryAnswerIsTheSameNeedView() {
        long id = api.raise(household).get("id").asLong();
        int round = api.need(id).get("matchAttempt").asInt();
        matcher.propose(community, id, round, volunteer);
        eventually().until(() -> api.offers(volunteer, "PENDING").stream().anyMatch(o -> o.get("needId").asLong() == id));
        long offer = api.offers(volunteer, "PENDING").stream().filter(o -> o.get("needId").asLong() == id)
                .findFirst().orElseThrow().get("offerId").asLong();
        api.accept(offer, volunteer).expect(200);

        JsonNode arrived = api.arrive(id, volunteer).expect(200);
        List<JsonNode> history = api.history(id);
        assertEquals("test-admin for volunteer " + volunteer, history.get(history.size() - 1).get("actor").asText());
        assertEquals(fields(api.need(id)), fields(arrived), "arrival answers the need view, not the entity");
        assertTrue(arrived.has("window") && arrived.has("categoryZh") && arrived.has("items"), arrived::toString);

        JsonNode done = api.complete(id, volunteer).expect(200);
        assertEquals(fields(api.need(id)), fields(done), "completion answers the need view");
        JsonNode rated = api.feedback(id, 5, true).expect(200);
        assertEquals(fields(api.need(id)), fields(rated), "feedback answers the need view");
        history = api.history(id);
        assertEquals("test-admin", history.get(history.size() - 1).get("actor").asText(), "who recorded the rating");
    }

    @Test
    void anOperatorRecordsTheArrivalAVolunteerReportedByPhone() {
        long id = api.raise(household).get("id").asLong();
        matcher.propose(community, id, api.need(id).get("matchAttempt").asInt(), volunteer);
        eventually().until(() -> api.offers(volunteer, "PENDING").stream().anyMatch(o -> o.get("needId").asLong() == id));
        long offer = api.offers(volunteer, "PENDING").stream().filter(o -> o.get("needId").asLong() == id)
                .findFirst().orElseThrow().get("offerId").asLong();
        api.accept(offer, volunteer).expect(200);

        Reply nobodyNamed = api.as(wang, "POST", "/api/needs/" + id + "/arrival", Map.of());
        assertEquals(400, nobodyNamed.status(), nobodyNamed::raw);
        assertTrue(nobodyNamed.fields().contains("volunteerId"), nobodyNamed::raw);
        JsonNode arrived = api.as(wang, "POST", "/api/needs/" + id + "/arrival", Map.of("volunteerId", volunteer))
                .expect(200);
        assertEquals("ON_SITE", arrived.get("status").asText());
        List<JsonNode> history = api.history(id);
        assertEquals(name("operator-wang") + " for volunteer " + volunteer,
                history.get(history.size() - 1).get("actor").asText());
    }

    @Test
    void ownershipIsHandedOverToStaffInScopeAuditedAndInTheHistory() {
        long id = api.as(wang, "POST", "/api/needs", form()).expect(201).get("id").asLong();
        String path = "/api/needs/" + id + "/handover";

        Reply notOwner = api.as(token("operator-zhao"), "POST", path, Map.of("to", name("operator-zhao"),
                "reason", "我来接"));
        assertEquals(403, notOwner.status(), notOwner::raw);
        for (String to : List.of("nobody-" + community, "test-admin")) {
            Reply bad = api.as(wang, "POST", path, Map.of("to", to, "reason", "下班了"));
            assertEquals(400, bad.status(), bad::raw);
            assertTrue(bad.fields().contains("to"), bad::raw);
        }
        Reply missingReason = api.as(wang, "POST", path, Map.of("to", name("operator-zhao")));
        assertTrue(missingReason.fields().contains("reason"), missingReason::raw);

        JsonNode view = api.as(wang, "POST", path, Map.of("to", name("operator-zhao"), "reason", "下班了，赵接手"))
                .expect(200);
        assertEquals(name("operator-zhao"), view.get("takenBy").asText());
        assertEquals(fields(api.need(id)), fields(view), "the hand-over answers the need view");
        List<JsonNode> history = api.history(id);
        JsonNode last = history.get(history.size() - 1);
        assertEquals("HandedOver", last.get("eventType").asText());
        assertEquals(name("operator-wang"), last.get("actor").asText());
        assertTrue(last.get("detail").asText().contains("下班了"), last::toString);
        assertEquals(1, db.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'need.handover' AND actor = ?",
                name("operator-wang")));

        // the new owner may pass it on to a coordinator; the old one no longer can
        assertEquals(403, api.as(wang, "POST", path, Map.of("to", name("coordinator-li"), "reason", "x")).status());
        assertEquals(name("coordinator-li"), api.as(token("operator-zhao"), "POST", path,
                Map.of("to", name("coordinator-li"), "reason", "需要协调")).expect(200).get("takenBy").asText());
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }
}
