package org.onecall.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.Api.Reply;
import org.onecall.testsupport.TestTokens;

/** What does not exist answers 404 to anyone signed in, never an empty 200 or a 403 (issue 11). */
class NotFoundTest extends DispatchTest {

    static final String PROBLEM = "application/problem+json";

    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }

    @Test
    void anUnknownCommunitysNeedsAreNotFound() {
        for (String path : List.of("/api/communities/no-such-community/needs",
                "/api/communities/no-such-community/needs?status=OPEN", "/api/communities/no-such-community/needs/overdue")) {
            Reply reply = api.get(path);
            assertEquals(404, reply.status(), () -> path + " -> " + reply.raw());
            assertEquals(PROBLEM, reply.contentType());
        }
    }

    @Test
    void aPathThatIsNoRouteIsNotFoundForEveryRole() {
        String community = api.community();
        String operator = TestTokens.staff("OPERATOR", List.of(community));
        String coordinator = TestTokens.staff("COORDINATOR", List.of(community));
        for (String path : List.of("/api/needs/recurring", "/api/households/search-all", "/api/volunteers/me/offers",
                "/api/wishes/latest")) {
            for (String token : List.of(operator, coordinator, TestTokens.admin())) {
                Reply reply = api.as(token, "GET", path, null);
                assertEquals(404, reply.status(), () -> path + " -> " + reply.raw());
                assertEquals(PROBLEM, reply.contentType(), reply::raw);
            }
        }
        // an id of the right form that is not the caller's stays a 403: it tells nothing about what exists
        assertEquals(403, api.as(operator, "GET", "/api/needs/987654321", null).status());
    }
}
