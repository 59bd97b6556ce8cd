package org.onecall.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpStatus;
import org.junit.jupiter.api.Test;

/** problem+json's field names and the one mapping of refusal kinds to statuses. */
class ProblemTextTest {

    @Test
    void fieldsAreTheCallersNotOurMethods() {
        assertEquals("householdId", ProblemJson.field("raise.request.householdId"));
        assertEquals("items[0].name", ProblemJson.field("raise.request.items[0].name"));
        assertEquals("status", ProblemJson.field("status"));
    }

    @Test
    void everyRefusalKindHasItsStatus() {
        assertEquals(HttpStatus.NOT_FOUND, RefusalHandler.status(Refusal.notFound("need", 7).kind()));
        assertEquals(HttpStatus.FORBIDDEN, RefusalHandler.status(Refusal.forbidden("no").kind()));
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, RefusalHandler.status(Refusal.tooMany("wait").kind()));
        assertEquals(HttpStatus.UNAUTHORIZED, RefusalHandler.status(Refusal.unauthorized("who").kind()));
        assertEquals(HttpStatus.CONFLICT, RefusalHandler.status(Refusal.conflict("late").kind()));
        assertEquals(HttpStatus.BAD_REQUEST, RefusalHandler.status(Refusal.invalid("to", "no").kind()));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, RefusalHandler.status(Refusal.unprocessable("k", "x").kind()));
        assertEquals("to", Refusal.invalid("to", "no").field());
    }
}
