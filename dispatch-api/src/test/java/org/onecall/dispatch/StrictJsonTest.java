package org.onecall.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.Api.Reply;

/**
 * Request bodies bind strictly (issue 11): what is stored is what the caller sent, or nothing, with a
 * 400 that names the field in the caller's terms and quotes no Java class or Jackson setting.
 */
class StrictJsonTest extends DispatchTest {

    static final String PROBLEM = "application/problem+json";
    static final List<String> NOT_OBJECTS = List.of("123", "true", "[1]", "\"x\"", "null", "1.5", "[]");

    String community;
    long household;
    long volunteer;

    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }

    @BeforeAll
    void aCommunity() {
        community = api.community();
        household = api.household(community);
        volunteer = api.volunteer(community);
    }

    @Test
    void singleFieldEndpointsRefuseBodiesThatAreNotObjectsNamingTheBody() {
        Map<String, String> endpoints = Map.of(
                "POST /api/auth/code", "",
                "PUT /api/accounts/admin/active", "",
                "PUT /api/accounts/admin/password", "",
                "PUT /api/merchants/1/open", "",
                "PUT /api/volunteers/" + volunteer + "/duty", "",
                "PUT /api/volunteers/" + volunteer + "/status", "");
        for (String endpoint : endpoints.keySet()) {
            String[] parts = endpoint.split(" ");
            for (String body : NOT_OBJECTS) {
                Reply reply = unchanged(() -> send(parts[0], parts[1], body));
                assertNamed(reply, "body", endpoint + " " + body);
                assertEquals("must be a JSON object", reply.reason("body"), reply::raw);
            }
        }
    }

    @Test
    void aDuplicateKeyIsRefusedNamingIt() {
        Reply need = unchanged(() -> api.postJson("/api/needs", "{\"householdId\": " + household
                + ", \"householdId\": 1, \"category\": \"MEDICINE\", \"description\": \"买药\"}"));
        assertNamed(need, "householdId", "duplicate householdId");
        Reply nested = unchanged(() -> api.postJson("/api/auth/login",
                "{\"username\": \"admin\", \"password\": \"a\", \"password\": \"b\"}"));
        assertNamed(nested, "password", "duplicate at sign-in");
    }

    @Test
    void aLoneSurrogateIsRefusedWhereverTextEnters() {
        Reply reply = unchanged(() -> api.postJson("/api/needs", "{\"householdId\": " + household
                + ", \"category\": \"MEDICINE\", \"description\": \"买药\\ud800\"}"));
        assertNamed(reply, "description", "lone surrogate");
        assertTrue(reply.reason("description").contains("surrogate"), reply::raw);
        Reply household = unchanged(() -> api.postJson("/api/communities/" + community + "/households",
                "{\"headName\": \"赵\\udc00\", \"phone\": \"13900020001\"}"));
        assertNamed(household, "headName", "lone surrogate in a household");
        assertFalse(household.raw().contains("control characters"), household::raw);
    }

    @Test
    void scalarsAreNotCoerced() {
        Reply numberAsText = unchanged(() -> api.post("/api/streets", Map.of("id", "s-" + 91, "name", 91)));
        assertNamed(numberAsText, "name", "a number for text");
        assertEquals("must be text", numberAsText.reason("name"));
        Reply boolAsText = unchanged(() -> api.post("/api/streets", Map.of("id", "s-true", "name", true)));
        assertNamed(boolAsText, "name", "a boolean for text");
        Reply textAsNumber = unchanged(() -> api.household(community, Map.of("lat", "39.7")));
        assertNamed(textAsNumber, "lat", "text for a number");
        assertEquals("must be a number", textAsNumber.reason("lat"));
        Reply textAsBoolean = unchanged(() -> send("PUT", "/api/volunteers/" + volunteer + "/duty",
                "{\"onDuty\": \"true\"}"));
        assertNamed(textAsBoolean, "onDuty", "text for a boolean");
    }

    @Test
    void unknownFieldsAreRefusedNamingThem() {
        Reply reply = unchanged(() -> api.raiseWith(Map.of("householdId", household, "volunteerId", 7)));
        assertNamed(reply, "volunteerId", "unknown field");
        assertTrue(reply.reason("volunteerId").contains("description"), () -> "lists the fields: " + reply.raw());
    }

    @Test
    void nanInfinityAndHugeNumbersNameTheField() {
        for (String value : List.of("NaN", "Infinity", "-Infinity", "1e400", "9223372036854775808",
                "1" + "0".repeat(1200))) {
            Reply reply = unchanged(() -> api.postJson("/api/communities/" + community + "/households",
                    "{\"headName\": \"赵\", \"phone\": \"13900020001\", \"lat\": " + value + "}"));
            // a number longer than the parser reads at all is refused before any field is reached
            assertNamed(reply, value.length() > 30 ? "body" : "lat", value.length() > 30 ? "a 1200-digit number" : value);
            assertFalse(reply.raw().contains("StreamReadConstraints"), reply::raw);
        }
        Reply bigId = unchanged(() -> api.postJson("/api/needs", "{\"householdId\": 9223372036854775808,"
                + " \"category\": \"MEDICINE\", \"description\": \"买药\"}"));
        assertNamed(bigId, "householdId", "a long out of range");
    }

    @Test
    void bytesThatAreNotUtf8JsonAreRefusedNamingTheBody() {
        // found by RequestParsingFuzzTest: four leading bytes made the parser guess UTF-32
        Reply reply = unchanged(() -> api.postJson("/api/needs", "\u0013\u0000\u0000\u0000script{\"househo"));
        assertNamed(reply, "body", "UTF-32 guess");
    }

    @Test
    void anUnknownEnumInTheQueryListsTheAllowedValues() {
        Reply reply = api.get("/api/communities/" + community + "/needs?status=BOGUS");
        assertNamed(reply, "status", "?status=BOGUS");
        assertTrue(reply.reason("status").contains("OPEN"), reply::raw);
    }

    @Test
    void aValidBodyStillGoesThrough() {
        api.raise(household);
        send("PUT", "/api/volunteers/" + volunteer + "/duty", "{\"onDuty\": false}").expect(200);
    }

    Reply send(String method, String path, String body) {
        return "POST".equals(method) ? api.postJson(path, body) : api.putJson(path, body);
    }

    Reply unchanged(Supplier<Reply> call) {
        Map<String, Long> before = db.writes();
        Reply reply = call.get();
        assertEquals(before, db.writes(), () -> "a refused call wrote something: " + reply.raw());
        return reply;
    }

    static void assertNamed(Reply reply, String field, String what) {
        assertEquals(400, reply.status(), () -> what + " -> " + reply.raw());
        assertEquals(PROBLEM, reply.contentType(), () -> what + " -> " + reply.raw());
        assertTrue(reply.fields().contains(field), () -> what + ": errors[].field should name " + field + ": "
                + reply.raw());
        for (String internal : List.of("java.", "org.onecall", "com.fasterxml", "jackson", "micronaut.", "Jackson")) {
            assertFalse(reply.raw().contains(internal), () -> what + " leaks " + internal + ": " + reply.raw());
        }
    }
}
