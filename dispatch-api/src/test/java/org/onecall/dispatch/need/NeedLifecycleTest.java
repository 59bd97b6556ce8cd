package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.Api;
import org.onecall.dispatch.Api.Reply;
import org.onecall.dispatch.DispatchTest;
import org.onecall.dispatch.Events;
import org.onecall.events.EventEnvelope;
import org.onecall.events.NeedEvents.JobDelayed;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.NeedEvents.NeedRaised;
import org.onecall.events.NeedEvents.OfferDeclined;
import org.onecall.events.Topics;
import org.onecall.testsupport.TopicProbe;

/**
 * A need's life through the HTTP API, with this test playing the matcher on {@link Topics#MATCHES}:
 * every rule of {@link NeedStatus} and {@link NeedService}, the history line each transition
 * leaves, and the events it writes.
 */
abstract class NeedLifecycleTest extends DispatchTest {

    String community;
    long household;
    long volunteer;

    @BeforeEach
    void aCommunityOfItsOwn() {
        community = api.community();
        household = api.household(community);
        volunteer = api.volunteer(community);
    }

    @Test
    void raisingANeedStartsMatchingAndWritesBothEvents() {
        JsonNode need = api.raise(household);
        long id = need.get("id").asLong();
        assertEquals("MATCHING", need.get("status").asText());
        assertEquals(1, need.get("matchAttempt").asInt());
        assertEquals(community, need.get("communityId").asText());
        assertEquals("代购降压药两盒", need.get("description").asText());
        assertEquals(need, api.need(id));

        assertHistory(id, "NeedRaised", "MatchingStarted");
        assertEquals("test-admin", api.history(id).get(1).get("actor").asText(), "the signed-in caller raised it");

        List<EventEnvelope> events = db.outbox(community, id);
        assertEquals(List.of("NeedRaised", "MatchingStarted"), events.stream().map(EventEnvelope::type).toList());
        events.forEach(e -> assertEquals("need-" + id, e.aggregateId()));
        events.forEach(e -> assertEquals(community, e.communityId()));
        NeedRaised raised = (NeedRaised) events.get(0).typedPayload();
        assertEquals(household, raised.householdId());
        assertEquals(Api.BUILDING, raised.approximatePlace());
        assertFalse(events.get(0).payload().toString().contains(Api.ADDRESS), "the room stays private");
        assertFalse(events.get(0).payload().toString().contains(Api.RESIDENT_PHONE), "the phone stays private");
        MatchingStarted started = (MatchingStarted) events.get(1).typedPayload();
        assertEquals(1, started.attempt());
        assertEquals(List.of(), started.excludedVolunteerIds());

        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            needs.await(Events.about(community, id, MatchingStarted.class, m -> m.attempt() == 1));
        }
    }

    @Test
    void aProposalBecomesOneOfferAndASecondProposalForTheSameRoundIsStale() {
        long id = raise();
        long offer = offer(id, volunteer);
        JsonNode view = api.offers(volunteer, "PENDING").get(0);
        assertEquals(offer, view.get("offerId").asLong());
        assertEquals(Api.BUILDING, view.get("approximatePlace").asText());
        assertFalse(view.toString().contains(Api.ADDRESS), "no room number before accepting");
        assertFalse(view.toString().contains(Api.RESIDENT_PHONE), "no phone before accepting");

        long other = api.volunteer(community);
        UUID late = matcher.propose(community, id, 1, other);
        awaitApplied(late);

        assertEquals("OFFERED", status(id));
        assertEquals(List.of(), api.offers(other, null));
        assertEquals(1, db.count("SELECT COUNT(*) FROM offer WHERE need_id = ?", id));
        assertEquals(1, db.outbox(community, id).stream().filter(e -> e.type().equals("OfferMade")).count());
        assertHistory(id, "NeedRaised", "MatchingStarted", "OfferMade");
    }

    @Test
    void aProposalNamingAnOffDutyVolunteerStartsANewRoundInsteadOfOffering() {
        long offDuty = api.volunteer(community, false, 2);
        long id = raise();
        matcher.propose(community, id, 1, offDuty);

        eventually().until(() -> api.need(id).get("matchAttempt").asInt() == 2);
        assertEquals("MATCHING", status(id));
        assertEquals(List.of(), api.offers(offDuty, null));
        JsonNode last = last(api.history(id));
        assertEquals("MatchingStarted", last.get("eventType").asText());
        assertEquals("system", last.get("actor").asText());
        assertTrue(last.get("detail").asText().contains(Long.toString(offDuty)), last::toString);
        MatchingStarted round2 = (MatchingStarted) lastEvent(id).typedPayload();
        assertEquals(2, round2.attempt());
    }

    @Test
    void matchNotFoundLeavesTheNeedUnmatched() {
        long id = raise();
        matcher.notFound(community, id, 1, "附近没有会买药的志愿者在岗");
        eventually().until(() -> status(id).equals("UNMATCHED"));
        assertHistory(id, "NeedRaised", "MatchingStarted", "NeedUnmatched");
        assertEquals("附近没有会买药的志愿者在岗", last(api.history(id)).get("detail").asText());
        assertEquals("NeedUnmatched", lastEvent(id).type());
    }

    @Test
    void acceptingAssignsTheNeedTakesASlotAndRevealsTheAddress() {
        long id = raise();
        long offer = offer(id, volunteer);
        api.job(volunteer, id).expect(409);

        JsonNode job = api.accept(offer, volunteer).expect(200);
        assertEquals(Api.ADDRESS, job.get("address").asText());
        assertEquals("+86" + Api.RESIDENT_PHONE, job.get("phone").asText(), "the holder sees the full number");
        assertEquals("赵大爷", job.get("residentName").asText());
        assertEquals("ASSIGNED", job.get("status").asText());

        JsonNode need = api.need(id);
        assertEquals("ASSIGNED", need.get("status").asText());
        assertEquals(volunteer, need.get("volunteerId").asLong());
        assertEquals(1, api.volunteerState(volunteer).get("activeJobs").asInt());
        assertEquals(job, api.job(volunteer, id).expect(200));
        assertEquals("ACCEPTED", api.offers(volunteer, null).get(0).get("status").asText());
        assertEquals("OfferAccepted", lastEvent(id).type());
    }

    @Test
    void anOfferCanBeAcceptedOnlyOnceAndOnlyByTheVolunteerItWasMadeTo() {
        long id = raise();
        long offer = offer(id, volunteer);
        long other = api.volunteer(community);

        assertConflict(api.accept(offer, other));
        assertEquals("OFFERED", status(id));
        api.accept(offer, volunteer).expect(200);
        assertConflict(api.accept(offer, volunteer));

        assertEquals(1, api.volunteerState(volunteer).get("activeJobs").asInt());
        assertEquals(0, api.volunteerState(other).get("activeJobs").asInt());
        assertEquals(1, db.outbox(community, id).stream().filter(e -> e.type().equals("OfferAccepted")).count());
    }

    @Test
    void decliningStartsTheNextRoundWithoutTheDecliner() {
        long id = raise();
        long offer = offer(id, volunteer);

        JsonNode need = api.decline(offer, volunteer, "在外地").expect(200);
        assertEquals("MATCHING", need.get("status").asText());
        assertEquals(2, need.get("matchAttempt").asInt());
        assertEquals("DECLINED", api.offers(volunteer, null).get(0).get("status").asText());
        assertConflict(api.accept(offer, volunteer));

        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            needs.await(Events.about(community, id, OfferDeclined.class, d -> d.volunteerId() == volunteer));
            needs.await(Events.about(community, id, MatchingStarted.class,
                    m -> m.attempt() == 2 && m.excludedVolunteerIds().equals(List.of(volunteer))));
        }
        assertHistory(id, "NeedRaised", "MatchingStarted", "OfferMade", "MatchingStarted");
        // the test's admin answers for the volunteer: both are named
        assertEquals("test-admin for volunteer " + volunteer, last(api.history(id)).get("actor").asText());

        // the next round can still be offered, to someone else
        long next = api.volunteer(community);
        offer(id, next);
    }

    @Test
    void onlyTheVolunteerHoldingTheNeedReportsArrivalAndCompletion() {
        long id = assigned();
        long other = api.volunteer(community);

        assertConflict(api.arrive(id, other));
        assertConflict(api.complete(id, volunteer));
        api.arrive(id, volunteer).expect(200);
        assertConflict(api.complete(id, other));
        assertEquals("ON_SITE", status(id));

        JsonNode done = api.complete(id, volunteer).expect(200);
        assertEquals("DONE", done.get("status").asText());
        assertEquals(0, api.volunteerState(volunteer).get("activeJobs").asInt());
        api.job(volunteer, id).expect(409);
        assertEquals("NeedCompleted", lastEvent(id).type());
    }

    @Test
    void satisfiedFeedbackClosesTheNeedWithItsRatingAndAClosedNeedCannotBeCancelled() {
        long id = done();
        JsonNode closed = api.feedback(id, 5, true).expect(200);
        assertEquals("CLOSED", closed.get("status").asText());
        assertEquals(5, closed.get("rating").asInt());

        assertConflict(api.cancel(id, "家属已经买了"));
        assertConflict(api.feedback(id, 4, true));
        assertEquals("CLOSED", status(id));

        List<JsonNode> history = assertHistory(id, "NeedRaised", "MatchingStarted", "OfferMade", "OfferAccepted",
                "VolunteerArrived", "NeedCompleted", "NeedClosed");
        String forVolunteer = "test-admin for volunteer " + volunteer;
        assertEquals(List.of("test-admin", "test-admin", "matcher", forVolunteer, forVolunteer, forVolunteer,
                        "test-admin"),
                history.stream().map(h -> h.get("actor").asText()).toList());
        assertEquals(List.of("NeedRaised", "MatchingStarted", "OfferMade", "OfferAccepted", "VolunteerArrived",
                "NeedCompleted", "FeedbackReceived", "NeedClosed"), types(db.outbox(community, id)));
    }

    @Test
    void unsolvedFeedbackReopensTheNeedAndStartsMatchingAgain() {
        long id = done();
        JsonNode need = api.feedback(id, 2, false).expect(200);
        assertEquals("MATCHING", need.get("status").asText());
        assertEquals(2, need.get("matchAttempt").asInt());
        assertEquals(2, need.get("rating").asInt());
        assertTrue(need.path("volunteerId").isNull() || need.path("volunteerId").isMissingNode(), need::toString);

        List<JsonNode> history = assertHistory(id, "NeedRaised", "MatchingStarted", "OfferMade", "OfferAccepted",
                "VolunteerArrived", "NeedCompleted", "NeedReopened", "MatchingStarted");
        assertEquals("REOPENED", history.get(6).get("toStatus").asText());
        assertEquals(List.of("NeedRaised", "MatchingStarted", "OfferMade", "OfferAccepted", "VolunteerArrived",
                "NeedCompleted", "FeedbackReceived", "NeedReopened", "MatchingStarted"), types(db.outbox(community, id)));
    }

    @Test
    void feedbackBeforeTheNeedIsDoneIsRefusedAndWritesNothing() {
        long id = assigned();
        Map<String, Long> before = db.writes();
        assertConflict(api.feedback(id, 5, true));
        assertEquals(before, db.writes());
        assertEquals("ASSIGNED", status(id));
    }

    @Test
    void cancellingAnAssignedNeedReleasesTheVolunteersSlot() {
        long id = assigned();
        assertEquals(1, api.volunteerState(volunteer).get("activeJobs").asInt());

        JsonNode cancelled = api.cancel(id, "老人住院了").expect(200);
        assertEquals("CANCELLED", cancelled.get("status").asText());
        assertEquals(0, api.volunteerState(volunteer).get("activeJobs").asInt());
        assertConflict(api.cancel(id, "again"));
        api.job(volunteer, id).expect(409);
        assertEquals("NeedCancelled", lastEvent(id).type());
        assertEquals("老人住院了", last(api.history(id)).get("detail").asText());
    }

    @Test
    void cancellingAnOfferedNeedWithdrawsThePendingOffer() {
        long id = raise();
        long offer = offer(id, volunteer);
        api.cancel(id, "已由家属处理").expect(200);
        assertEquals("WITHDRAWN", api.offers(volunteer, null).get(0).get("status").asText());
        assertConflict(api.accept(offer, volunteer));
        assertEquals(0, api.volunteerState(volunteer).get("activeJobs").asInt());
    }

    // ---- steps ----

    @Test
    void theHolderGivesTheJobBackBeforeArrivingAndTheNeedIsMatchedAgainWithoutThem() {
        long id = raise();
        long offer = offer(id, volunteer);
        api.accept(offer, volunteer).expect(200);
        assertEquals(1, api.volunteerState(volunteer).get("activeJobs").asInt());

        JsonNode back = api.post("/api/needs/" + id + "/giveback",
                Map.of("volunteerId", volunteer, "reason", "家里有急事")).expect(200);

        assertEquals("MATCHING", back.get("status").asText());
        assertEquals(2, back.get("matchAttempt").asInt());
        assertTrue(back.path("volunteerId").isNull() || back.path("volunteerId").isMissingNode(), back::toString);
        assertEquals(0, api.volunteerState(volunteer).get("activeJobs").asInt(), "their place for a job is free again");
        JsonNode line = api.history(id).get(api.history(id).size() - 1);
        assertEquals("JobGivenBack", line.get("eventType").asText());
        assertEquals("ASSIGNED", line.get("fromStatus").asText());
        assertEquals("MATCHING", line.get("toStatus").asText());
        assertEquals("test-admin for volunteer " + volunteer, line.get("actor").asText(), "staff acting for the volunteer");
        assertEquals("家里有急事", line.get("detail").asText());
        List<EventEnvelope> events = db.outbox(community, id);
        MatchingStarted again = (MatchingStarted) events.get(events.size() - 1).typedPayload();
        assertEquals(2, again.attempt());
        assertEquals(List.of(volunteer), again.excludedVolunteerIds(), "the one who gave it back is not asked again");
        // the resident, told who was coming, is told the job is delayed (in the same transaction)
        JobDelayed delayed = (JobDelayed) events.get(events.size() - 2).typedPayload();
        Need need = context.getBean(NeedRepository.class).findById(id).orElseThrow();
        assertEquals(new JobDelayed(id, volunteer, JobDelayed.GIVEN_BACK, need.dueAt(), List.of()), delayed);

        assertEquals(409, api.post("/api/needs/" + id + "/giveback",
                Map.of("volunteerId", volunteer, "reason", "再退一次")).status(), "only the holder gives a job back");
        assertEquals(400, api.post("/api/needs/" + id + "/giveback", Map.of("volunteerId", volunteer)).status(),
                "the reason is asked");
    }

    @Test
    void aJobCannotBeGivenBackOnceTheVolunteerIsThere() {
        long id = raise();
        api.accept(offer(id, volunteer), volunteer).expect(200);
        api.arrive(id, volunteer).expect(200);
        assertEquals(409, api.post("/api/needs/" + id + "/giveback",
                Map.of("volunteerId", volunteer, "reason", "不想做了")).status());
        assertEquals("ON_SITE", status(id));
    }

    long raise() {
        return api.raise(household).get("id").asLong();
    }

    /** Proposes the need's current round to the volunteer and returns the offer that results. */
    long offer(long needId, long to) {
        int round = api.need(needId).get("matchAttempt").asInt();
        matcher.propose(community, needId, round, to);
        eventually().until(() -> status(needId).equals("OFFERED"));
        List<JsonNode> pending = api.offers(to, "PENDING").stream()
                .filter(o -> o.get("needId").asLong() == needId).toList();
        assertEquals(1, pending.size(), pending::toString);
        return pending.get(0).get("offerId").asLong();
    }

    long assigned() {
        long id = raise();
        api.accept(offer(id, volunteer), volunteer).expect(200);
        return id;
    }

    long done() {
        long id = assigned();
        api.arrive(id, volunteer).expect(200);
        api.complete(id, volunteer).expect(200);
        return id;
    }

    String status(long needId) {
        return api.need(needId).get("status").asText();
    }

    /** Waits until the service has consumed this record from {@link Topics#MATCHES}, whatever it made of it. */
    void awaitApplied(UUID eventId) {
        eventually().until(() -> db.count("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", eventId) == 1);
    }

    EventEnvelope lastEvent(long needId) {
        List<EventEnvelope> events = db.outbox(community, needId);
        return events.get(events.size() - 1);
    }

    static void assertConflict(Reply reply) {
        reply.expect(409);
        assertEquals("application/problem+json", reply.contentType());
        assertEquals(409, reply.body().get("status").asInt());
        assertNotNull(reply.body().get("detail"), reply::raw);
    }

    /**
     * The history has exactly these lines, in order, each with an actor and a time, each starting
     * where the previous one ended.
     */
    List<JsonNode> assertHistory(long needId, String... eventTypes) {
        List<JsonNode> history = api.history(needId);
        assertEquals(List.of(eventTypes), history.stream().map(h -> h.get("eventType").asText()).toList());
        Instant previousTime = Instant.MIN;
        String previousStatus = null;
        for (JsonNode line : history) {
            assertFalse(line.get("actor").asText().isBlank(), line::toString);
            Instant at = Instant.parse(line.get("occurredAt").asText());
            assertFalse(at.isBefore(previousTime), line::toString);
            String from = line.path("fromStatus").isTextual() ? line.get("fromStatus").asText() : null;
            assertEquals(previousStatus, from, line::toString);
            previousTime = at;
            previousStatus = line.get("toStatus").asText();
        }
        assertEquals(status(needId), previousStatus, "the last line ends in the need's status");
        return history;
    }

    static List<String> types(List<EventEnvelope> events) {
        return events.stream().map(EventEnvelope::type).toList();
    }

    static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
