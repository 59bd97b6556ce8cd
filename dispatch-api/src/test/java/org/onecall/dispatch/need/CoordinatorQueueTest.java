package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.Databases;
import org.onecall.dispatch.DispatchTest;
import org.onecall.dispatch.DispatchTestHttp.MovableClock;
import org.onecall.testsupport.TestTokens;

/**
 * The coordinator's queue over HTTP: open needs only, waiting ones first, names instead of ids, the age
 * colour against the service target as the clock moves, filters, a grid leader's narrowing, the map.
 */
class CoordinatorQueueTest extends DispatchTest {

    @Inject
    Clock clock;
    @Inject
    @io.micronaut.http.client.annotation.Client("/")
    io.micronaut.http.client.HttpClient http;
    LadderFixture at;

    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("onecall.escalation.check", "1h", "onecall.test.movable-clock", "true");
    }

    @BeforeAll
    void fixture() {
        at = new LadderFixture(api);
    }

    JsonNode queue(String query) {
        return api.get("/api/communities/" + at.community + "/queue" + query).expect(200);
    }

    static JsonNode item(JsonNode queue, long need) {
        for (JsonNode n : queue.path("needs")) {
            if (n.get("id").asLong() == need) {
                return n;
            }
        }
        return null;
    }

    @Test
    void waitingNeedsComeFirstWithNamesAndTheirAgeColourMovesWithTheClock() {
        long helper = api.volunteer(at.community, true, 2);
        long held = at.raise(api);
        api.post("/api/needs/" + held + "/assignment", Map.of("volunteerId", helper, "direct", true)).expect(200);
        long unmatched = at.raise(api);
        matcher.notFound(at.community, unmatched, 1, "没有空闲的志愿者");
        eventually().until(() -> api.need(unmatched).get("status").asText().equals("UNMATCHED"));
        long cancelled = at.raise(api);
        api.cancel(cancelled, "不需要了").expect(200);

        JsonNode q = queue("");
        List<Long> order = new ArrayList<>();
        q.get("needs").forEach(n -> order.add(n.get("id").asLong()));
        assertTrue(order.indexOf(unmatched) < order.indexOf(held), order::toString);
        assertTrue(!order.contains(cancelled), "only open needs");
        JsonNode h = item(q, held);
        assertEquals("李建国", h.get("holder").asText(), "the volunteer by name");
        assertEquals("赵大爷", h.get("residentName").asText());
        assertEquals("GREEN", h.get("colour").asText());

        ((MovableClock) clock).advance(Duration.ofMinutes(91));
        assertEquals("AMBER", item(queue(""), held).get("colour").asText(), "75% of the 2-hour target");
        ((MovableClock) clock).advance(Duration.ofMinutes(30));
        assertEquals("RED", item(queue(""), held).get("colour").asText(), "past the target");

        assertTrue(item(queue("?status=UNMATCHED"), held) == null);
        assertTrue(item(queue("?status=UNMATCHED"), unmatched) != null);
        assertTrue(item(queue("?category=REPAIRS"), unmatched) == null);
        assertTrue(item(queue("?grid=grid-1&urgency=TODAY"), unmatched) != null);
        assertEquals(400, api.get("/api/communities/" + at.community + "/queue?status=NOPE").status());
    }

    @Test
    void aGridLeaderSeesOnlyTheirGridsAndTheMapHoldsTheScope() {
        long mine = at.raise(api);
        long otherHousehold = api.household(at.community, Map.of("grid", "grid-2", "phone", "13900020099"))
                .expect(201).get("id").asLong();
        long theirs = api.raiseWith(Map.of("householdId", otherHousehold)).expect(201).get("id").asLong();
        JsonNode all = queue("");
        assertTrue(item(all, mine) != null && item(all, theirs) != null, "the community's coordinator sees both");
        String body = http.toBlocking().retrieve(HttpRequest.GET("/api/communities/" + at.community + "/queue")
                .bearerAuth(TestTokens.gridLeader(at.community, List.of("grid-1"))));
        JsonNode narrowed = org.onecall.dispatch.Api.parse(body);
        assertTrue(item(narrowed, mine) != null, body);
        assertTrue(item(narrowed, theirs) == null, "another grid's need: " + body);

        JsonNode map = api.get("/api/communities/" + at.community + "/queue/map").expect(200);
        assertEquals(1200, map.get("circleMeters").asInt());
        assertTrue(map.path("volunteersOnDuty").size() + map.path("merchants").size() + map.path("outline").size()
                > 0, map::toString);
    }

    @Test
    void theEndOfAVolunteersLeaveWakesTheCommunitysUnmatchedNeeds() {
        long volunteer = api.volunteer(at.community, true, 2);
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai"));
        api.put("/api/volunteers/" + volunteer + "/calendar", Map.of("leave",
                List.of(Map.of("from", today.toString(), "to", today.toString())))).expect(200);
        long need = at.raise(api);
        matcher.notFound(at.community, need, 1, "没有空闲的志愿者");
        eventually().until(() -> api.need(need).get("status").asText().equals("UNMATCHED"));
        WakeOnDuty wake = context.getBean(WakeOnDuty.class);
        wake.onTheClock();
        assertEquals("UNMATCHED", api.need(need).get("status").asText(), "still on leave");

        ((MovableClock) clock).advance(Duration.ofDays(1));
        wake.onTheClock();
        JsonNode woken = api.need(need);
        assertEquals("MATCHING", woken.get("status").asText());
        assertEquals(2, woken.get("matchAttempt").asInt());
        assertTrue(LadderFixture.lastLine(api, need).get("detail").asText().contains("can take jobs again"));
    }
}
