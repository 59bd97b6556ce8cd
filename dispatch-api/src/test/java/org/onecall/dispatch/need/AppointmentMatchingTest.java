package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.annotation.MockBean;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.DispatchTestHttp.MovableClock;
import org.onecall.dispatch.ResourceListsTestBase;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.MatchEvents.MatchProposed;
import org.onecall.events.MatchEvents.ScorePart;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.NeedEvents.OfferMade;
import org.onecall.events.Topics;
import org.onecall.testsupport.TopicProbe;

/**
 * dispatch-api's half of issue 13: an appointment waits until its lead time, then is matched over its
 * window; offers and jobs show the window and the score's parts; preferences are checked at intake and
 * travel with every round; a reopened need avoids the helper whose job failed.
 */
class AppointmentMatchingTest extends ResourceListsTestBase {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final MovableClock clock = new MovableClock();

    @Inject
    MatchOutcomes outcomes;
    @Inject
    AppointmentStarts starts;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Test
    void anAppointmentTomorrowEveningWaitsForItsLeadTimeAndGoesToWhoIsFreeThen() {
        // today 10:00 in Shanghai; the appointment is tomorrow 19:00-20:00
        ZonedDateTime local = clock.instant().atZone(SHANGHAI);
        ZonedDateTime ten = local.toLocalDate().atTime(LocalTime.of(10, 0)).atZone(SHANGHAI);
        if (!ten.isAfter(local)) {
            ten = ten.plusDays(1);
        }
        clock.advance(Duration.between(local, ten));
        LocalDate tomorrow = ten.toLocalDate().plusDays(1);
        Instant start = tomorrow.atTime(19, 0).atZone(SHANGHAI).toInstant();
        Instant end = start.plus(Duration.ofHours(1));

        String c = newCommunity();
        long onLeave = volunteer(c, "13800130001", Map.of("leave", List.of(Map.of("from", tomorrow.toString(),
                "to", tomorrow.toString()))));
        long evenings = volunteer(c, "13800130002", Map.of("availability", List.of(
                Map.of("day", tomorrow.getDayOfWeek().name(), "from", "18:00", "to", "21:00"),
                Map.of("day", ten.getDayOfWeek().name(), "from", "08:00", "to", "12:00"))));
        long household = household(c, "13900130001");

        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            JsonNode need = post("/api/needs", Map.of("householdId", household, "category", "COMPANIONSHIP",
                    "urgency", "FLEXIBLE", "description", "陪老人聊天", "window", Map.of("kind", "APPOINTMENT", "start", start.toString(), "end", end.toString())));
            long needId = need.get("id").asLong();
            assertEquals("OPEN", need.get("status").asText(), "not offered now with a 10-minute expiry");
            assertTrue(history(needId).stream().anyMatch(h -> h.get("eventType").asText().equals("MatchingScheduled")
                    && h.get("detail").asText().contains(start.minus(Duration.ofHours(12)).toString())));

            starts.startDue();
            assertEquals("OPEN", get("/api/needs/" + needId).get("status").asText(), "too early still");

            clock.advance(Duration.between(clock.instant(), start.minus(Duration.ofHours(12))).plusMinutes(1));
            starts.startDue();
            assertEquals("MATCHING", get("/api/needs/" + needId).get("status").asText());
            MatchingStarted started = (MatchingStarted) EventJson.read(needs.await(
                    event(c, MatchingStarted.class, needId))).typedPayload();
            assertEquals(start, started.windowStart());
            assertEquals(end, started.windowEnd());

            assertEquals(MatchOutcomes.Outcome.REMATCHING, propose(c, needId, 1, onLeave),
                    "on leave tomorrow: free now does not count");
            assertEquals(MatchOutcomes.Outcome.OFFERED, propose(c, needId, 2, evenings),
                    "outside their hours now, inside them tomorrow evening");

            OfferMade made = (OfferMade) EventJson.read(needs.await(event(c, OfferMade.class, needId))).typedPayload();
            assertEquals(start, made.windowStart());
            JsonNode offer = get("/api/volunteers/" + evenings + "/offers?status=PENDING").get(0);
            assertEquals(start.toString(), offer.get("window").get("start").asText());
            assertEquals(end.toString(), offer.get("window").get("end").asText());
            assertEquals("WALK", offer.get("scoreParts").get(0).get("code").asText());
            assertEquals(11, offer.get("scoreParts").get(0).get("value").asInt());
            assertTrue(history(needId).stream().anyMatch(h -> h.get("detail").asText()
                    .contains("walk 11 m, helped this household before, speaks 上海话")), history(needId).toString());

            JsonNode job = post("/api/offers/" + offer.get("offerId").asLong() + "/accept",
                    Map.of("volunteerId", evenings));
            assertEquals(start.toString(), job.get("window").get("start").asText());
        }
    }

    @Test
    void preferencesAreCheckedAtIntakeNamingTheFieldAndTravelWithEveryRound() {
        String c = newCommunity();
        String other = newCommunity();
        long named = volunteer(c, "13800130011", Map.of("kind", "STEWARD"));
        long avoided = volunteer(c, "13800130012", Map.of());
        long elsewhere = volunteer(other, "13800130013", Map.of());
        long household = household(c, "13900130011");

        Problem wrongCommunity = refused(HttpRequest.POST("/api/needs", form(household,
                "preferredVolunteerId", elsewhere)));
        assertEquals(400, wrongCommunity.status());
        assertTrue(wrongCommunity.body().toString().contains("preferredVolunteerId"), wrongCommunity.body().toString());
        Problem unknown = refused(HttpRequest.POST("/api/needs", form(household, "avoidVolunteerIds",
                List.of(avoided, 999_999_999L))));
        assertTrue(unknown.body().toString().contains("avoidVolunteerIds[1]"), unknown.body().toString());
        Problem kind = refused(HttpRequest.POST("/api/needs", form(household, "volunteerKind", "ASTRONAUT")));
        assertEquals(400, kind.status());
        assertTrue(kind.body().toString().contains("volunteerKind"), kind.body().toString());

        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            long needId = post("/api/needs", form(household, "preferredVolunteerId", named, "volunteerKind", "STEWARD",
                    "avoidVolunteerIds", List.of(avoided))).get("id").asLong();
            MatchingStarted started = (MatchingStarted) EventJson.read(needs.await(
                    event(c, MatchingStarted.class, needId))).typedPayload();
            assertEquals(named, started.preferredVolunteerId());
            assertEquals("STEWARD", started.volunteerKind());
            assertEquals(List.of(avoided), started.avoidVolunteerIds());
        }
    }

    @Test
    void aReopenedNeedAvoidsTheVolunteerWhoseJobFailedAndTheNeedsOfOneCallShareIt() {
        String c = newCommunity();
        long helper = volunteer(c, "13800130021", Map.of());
        long household = household(c, "13900130021");
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            long needId = post("/api/needs", form(household)).get("id").asLong();
            assertEquals(MatchOutcomes.Outcome.OFFERED, propose(c, needId, 1, helper));
            long offerId = get("/api/volunteers/" + helper + "/offers?status=PENDING").get(0).get("offerId").asLong();
            post("/api/offers/" + offerId + "/accept", Map.of("volunteerId", helper));
            post("/api/needs/" + needId + "/arrival", Map.of("volunteerId", helper));
            post("/api/needs/" + needId + "/completion", Map.of("volunteerId", helper, "summary", "买了"));
            post("/api/needs/" + needId + "/feedback", Map.of("rating", 2, "solved", false, "comment", "药买错了"));
            String round2 = needs.await(e -> event(c, MatchingStarted.class, needId).test(e)
                    && e.contains("\"attempt\":2"));
            MatchingStarted again = (MatchingStarted) EventJson.read(round2).typedPayload();
            assertEquals(List.of(helper), again.avoidVolunteerIds());

            JsonNode call = post("/api/calls", Map.of("householdId", household(c, "13900130022"),
                    "needs", List.of(
                            Map.of("category", "MEALS", "urgency", "TODAY", "description", "午饭"),
                            Map.of("category", "REPAIRS", "urgency", "TODAY", "description", "灯坏了",
                                    "details", Map.of("whatIsBroken", "灯")))));
            List<String> callIds = StreamSupport.stream(call.get("needs").spliterator(), false).map(n -> {
                long id = n.get("id").asLong();
                return ((MatchingStarted) EventJson.read(needs.await(event(c, MatchingStarted.class, id))).typedPayload()).callId();
            }).toList();
            assertEquals(2, callIds.size());
            assertTrue(callIds.get(0) != null && callIds.get(0).equals(callIds.get(1)), callIds.toString());
        }
    }

    /** Need ids start again in each test class's database; the community tells this class's events apart. */
    private static java.util.function.Predicate<String> event(String community,
            Class<? extends org.onecall.events.EventPayload> type, long needId) {
        return TopicProbe.event(type, "need-" + needId).and(e -> e.contains("\"communityId\":\"" + community + "\""));
    }

    private List<JsonNode> history(long needId) {
        return StreamSupport.stream(get("/api/needs/" + needId + "/history").spliterator(), false).toList();
    }

    private MatchOutcomes.Outcome propose(String community, long needId, int attempt, long volunteerId) {
        List<ScorePart> parts = List.of(new ScorePart("WALK", 11, null, 11),
                new ScorePart("HELPED_BEFORE", 1, null, -300), new ScorePart("LANGUAGE", 1, "上海话", -200));
        return outcomes.apply(EventEnvelope.of(new MatchProposed(needId, attempt, volunteerId, null, 11, "test",
                -489.0, parts, List.of()), community, clock));
    }

    private Map<String, Object> form(long household, Object... more) {
        Map<String, Object> m = new HashMap<>(Map.of("householdId", household, "category", "MEALS",
                "urgency", "TODAY", "description", "午饭"));
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    private long household(String community, String phone) {
        return post("/api/communities/" + community + "/households", Map.of("headName", "钱奶奶", "phone", phone,
                "building", "2号楼", "address", "2号楼1单元502", "lat", 39.7275, "lon", 116.3405)).get("id").asLong();
    }

    private long volunteer(String community, String phone, Map<String, Object> extra) {
        Map<String, Object> v = new HashMap<>(extra);
        v.put("name", "志愿者" + phone);
        v.put("phone", phone);
        v.put("skills", List.of("MEALS", "COMPANIONSHIP", "REPAIRS"));
        v.put("lat", 39.7276);
        v.put("lon", 116.3405);
        v.put("maxConcurrentJobs", 2);
        v.put("onDuty", true);
        return post("/api/communities/" + community + "/volunteers", v).get("id").asLong();
    }
}
