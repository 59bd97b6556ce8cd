package org.onecall.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.Api.Reply;
import org.onecall.events.Category;
import org.onecall.events.EventEnvelope;
import org.onecall.events.NeedEvents.NeedRaised;

/**
 * What callers get wrong: each refusal is problem+json naming the field, never a 500, and leaves
 * no trace in the database. Text that is merely unusual is kept exactly.
 */
abstract class BadInputTest extends DispatchTest {

    static final String PROBLEM = "application/problem+json";

    String community;
    long household;

    @BeforeEach
    void aCommunityOfItsOwn() {
        community = api.community();
        household = api.household(community);
    }

    @Test
    void aMissingOrBlankDescriptionIsRefusedNamingTheField() {
        for (String description : Arrays.asList(null, "", "   ", "\t\n")) {
            Map<String, Object> body = new HashMap<>();
            body.put("householdId", household);
            body.put("description", description);
            Reply reply = refused(() -> api.raiseWith(body));
            assertBadRequest(reply, "description");
        }
    }

    @Test
    void anUnknownCategoryIsRefusedListingTheAllowedOnes() {
        Reply reply = refused(() -> api.raiseWith(Map.of("householdId", household, "category", "GROCERIES")));
        assertBadRequest(reply, "category");
        for (Category allowed : Category.values()) {
            assertTrue(reply.reason("category").contains(allowed.name()), reply::raw);
        }
    }

    @Test
    void aHouseholdIdGivenAsTextIsRefused() {
        Reply reply = refused(() -> api.raiseWith(Map.of("householdId", "赵大爷家")));
        assertBadRequest(reply, "householdId");
        assertEquals("must be a number", reply.reason("householdId"));
    }

    @Test
    void ratingsOutsideOneToFiveAreRefused() {
        long need = api.raise(household).get("id").asLong();
        for (int rating : new int[] {0, 6, -1}) {
            Reply reply = refused(() -> api.feedback(need, rating, true));
            assertBadRequest(reply, "rating");
        }
        // a valid rating gets past validation, to the lifecycle's rule: the need is not DONE yet
        assertEquals(409, refused(() -> api.feedback(need, 5, true)).status());
    }

    @Test
    void aLatitudeOf91IsRefusedOnHouseholdRegistration() {
        assertBadRequest(refused(() -> api.household(community, Map.of("lat", 91))), "lat");
        assertBadRequest(refused(() -> api.household(community, Map.of("lon", -180.5))), "lon");
        assertBadRequest(refused(() -> api.household(community, Map.of("phone", "请打电话"))), "phone");
    }

    @Test
    void malformedJsonIsABadRequestNotAServerError() {
        for (String body : List.of("{\"householdId\": " + household + ", \"category\": ", "not json at all",
                "{\"householdId\": }", "")) {
            Reply reply = refused(() -> api.postJson("/api/needs", body));
            assertEquals(400, reply.status(), () -> body + " -> " + reply.raw());
            assertEquals(PROBLEM, reply.contentType(), () -> body + " -> " + reply.raw());
        }
    }

    @Test
    void jsonThatIsNotAnObjectIsABadRequestNamingTheBody() {
        for (String body : List.of("5", "true", "[1,2,3]", "\"x\"", "null")) {
            Reply reply = refused(() -> api.postJson("/api/needs", body));
            assertEquals(400, reply.status(), () -> body + " -> " + reply.raw());
            assertEquals(PROBLEM, reply.contentType(), () -> body + " -> " + reply.raw());
        }
    }

    @Test
    void anUnknownHouseholdOrCommunityIsNotFound() {
        Reply reply = refused(() -> api.raiseWith(Map.of("householdId", 987_654_321L)));
        assertEquals(404, reply.status(), reply::raw);
        assertEquals(PROBLEM, reply.contentType());
        assertTrue(reply.body().get("detail").asText().contains("household 987654321"), reply::raw);

        Reply noCommunity = refused(() -> api.household("no-such-community", Map.of()));
        assertEquals(404, noCommunity.status(), noCommunity::raw);
        assertEquals(PROBLEM, noCommunity.contentType());
    }

    @Test
    void aBodyOverTheRequestSizeLimitIsRefusedWith413() {
        // the limit is 12 MB (volunteer spreadsheets are uploaded whole); 4.6 M x 3 bytes is 13.8 MB
        String huge = "药".repeat(4_600_000);
        Reply reply = refused(() -> api.raise(household, huge));
        assertEquals(413, reply.status(), reply::raw);
    }

    @Test
    void controlCharactersEmojiAndRareCharactersAreKeptExactly() {
        String description = "阿姨说：\u0007门铃坏了\u001B[0m，请买𠮷野家的饭 👵🏻👨‍👩‍👧 \u200B\t备注\r\n第二行\u0001\u007F结束";
        JsonNode raised = api.raise(household, description).expect(201);
        long id = raised.get("id").asLong();

        assertEquals(description, raised.get("description").asText());
        assertEquals(description, api.need(id).get("description").asText());
        assertEquals(description, db.rows("SELECT description FROM need WHERE id = ?", id).get(0).get("description"));
        EventEnvelope event = db.outbox(community, id).get(0);
        assertEquals(description, ((NeedRaised) event.typedPayload()).description());
    }

    @Test
    void aNulCharacterIsRefusedRatherThanBreakingTheDatabase() {
        // PostgreSQL cannot store U+0000 in text; the service must say so instead of failing with a 500
        Reply reply = refused(() -> api.raise(household, "买药\u0000两盒"));
        assertBadRequest(reply, "description");
    }

    /** Calls and asserts that nothing was written meanwhile. */
    Reply refused(Supplier<Reply> call) {
        Map<String, Long> before = db.writes();
        Reply reply = call.get();
        assertEquals(before, db.writes(), () -> "a refused call wrote something: " + reply.raw());
        return reply;
    }

    static void assertBadRequest(Reply reply, String field) {
        assertEquals(400, reply.status(), reply::raw);
        assertEquals(PROBLEM, reply.contentType(), reply::raw);
        assertEquals(400, reply.body().get("status").asInt(), reply::raw);
        assertTrue(reply.fields().contains(field), () -> "errors[].field should name " + field + ": " + reply.raw());
    }
}
