package org.onecall.matcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.Location;
import org.onecall.events.MatchEvents.MatchNotFound;
import org.onecall.events.MatchEvents.MatchProposed;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.NeedEvents.OfferDeclined;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;
import org.onecall.events.Topics;
import org.onecall.matcher.index.ResourceFeed;
import org.onecall.matcher.index.ResourceIndex;
import org.onecall.testsupport.KafkaBrokerExtension;
import org.onecall.testsupport.TopicProbe;
import org.onecall.testsupport.TestKafka;

/** The matcher as deployed: resource states and requests in over Kafka, answers out over Kafka. */
@MicronautTest(environments = {MatcherApp.ENVIRONMENT, "test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(KafkaBrokerExtension.class)
class MatcherFlowTest implements TestPropertyProvider {

    static final Location NEED = new Location(39.7275, 116.3405);

    @Inject
    ResourceIndex index;
    @Inject
    ResourceFeed feed;

    private TestKafka kafka;
    private TopicProbe matches;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers());
    }

    @BeforeAll
    void open() {
        kafka = new TestKafka();
        matches = TopicProbe.open(Topics.MATCHES);
    }

    @AfterAll
    void close() {
        matches.close();
        kafka.close();
    }

    @Test
    void aRequestIsAnsweredWithTheNearestFreeVolunteerAndMerchantForTheSameAttempt() throws Exception {
        String community = TestKafka.newCommunity();
        long far = TestKafka.newId();
        long near = TestKafka.newId();
        long nearestButUnskilled = TestKafka.newId();
        long merchant = TestKafka.newId();
        kafka.publishResource(volunteer(far, community, 1500, 2, 0, "MEDICINE"), community);
        kafka.publishResource(volunteer(near, community, 400, 2, 0, "MEDICINE", "MEALS"), community);
        kafka.publishResource(volunteer(nearestButUnskilled, community, 50, 2, 0, "REPAIRS"), community);
        kafka.publishResource(new MerchantStateChanged(merchant, community, "同仁堂药店", List.of("MEDICINE"),
                metresNorth(600), true, 30), community);
        awaitIndexed(community, 3, 1);

        long needId = TestKafka.newId();
        kafka.publishNeedEvent(
                new MatchingStarted(needId, 3, "MEDICINE", "URGENT", NEED, List.of()), community);

        EventEnvelope answer = EventJson.read(matches.await(
                TestKafka.event(MatchProposed.class, community, "need-" + needId)));
        MatchProposed proposed = assertInstanceOf(MatchProposed.class, answer.typedPayload());
        assertEquals(near, proposed.volunteerId());
        assertEquals(needId, proposed.needId());
        assertEquals(3, proposed.attempt(), "the answer names the round it answers");
        assertEquals(merchant, proposed.merchantId());
        // the walk with goods: 200 m up to the chemist's, 600 m back down to the home
        assertTrue(proposed.distanceMeters() >= 790 && proposed.distanceMeters() <= 810, "" + proposed.distanceMeters());
        assertEquals("WALK", proposed.parts().get(0).code());
        assertFalse(proposed.rationale().isBlank());
        assertEquals(community, answer.communityId());
        assertEquals("need-" + needId, answer.aggregateId());
    }

    @Test
    void aSkillNobodyHasIsAnsweredWithMatchNotFoundAndTheReason() {
        String community = TestKafka.newCommunity();
        kafka.publishResource(volunteer(TestKafka.newId(), community, 100, 2, 0, "MEALS"), community);
        awaitIndexed(community, 1, 0);

        long needId = TestKafka.newId();
        kafka.publishNeedEvent(new MatchingStarted(needId, 1, "COUNSELLING", "NORMAL", NEED, List.of()), community);

        MatchNotFound notFound = (MatchNotFound) EventJson.read(matches.await(
                TestKafka.event(MatchNotFound.class, community, "need-" + needId))).typedPayload();
        assertEquals(1, notFound.attempt());
        assertTrue(notFound.reason().contains("COUNSELLING"), notFound.reason());
    }

    @Test
    void anOpenProposalHoldsTheVolunteerUntilTheOfferIsAnswered() {
        String community = TestKafka.newCommunity();
        long near = TestKafka.newId();
        long far = TestKafka.newId();
        kafka.publishResource(volunteer(near, community, 100, 1, 0, "MEALS"), community);
        kafka.publishResource(volunteer(far, community, 900, 1, 0, "MEALS"), community);
        awaitIndexed(community, 2, 0);

        long first = TestKafka.newId();
        long second = TestKafka.newId();
        long third = TestKafka.newId();
        long fourth = TestKafka.newId();
        kafka.publishNeedEvent(new MatchingStarted(first, 1, "MEALS", "NORMAL", NEED, List.of()), community);
        kafka.publishNeedEvent(new MatchingStarted(second, 1, "MEALS", "NORMAL", NEED, List.of()), community);
        kafka.publishNeedEvent(new MatchingStarted(third, 1, "MEALS", "NORMAL", NEED, List.of()), community);
        // the near volunteer turns the first need down: free again for the others
        kafka.publishNeedEvent(new OfferDeclined(TestKafka.newId(), first, near, "busy"), community);
        kafka.publishNeedEvent(new MatchingStarted(fourth, 1, "MEALS", "NORMAL", NEED, List.of()), community);

        assertEquals(near, proposal(community, first).volunteerId());
        assertEquals(far, proposal(community, second).volunteerId(), "the near one holds an open proposal");
        MatchNotFound none = (MatchNotFound) EventJson.read(matches.await(
                TestKafka.event(MatchNotFound.class, community, "need-" + third))).typedPayload();
        assertTrue(none.reason().contains("2 volunteers have the skill MEALS"), none.reason());
        assertEquals(near, proposal(community, fourth).volunteerId(), "the declined offer freed the near one");
    }

    @Test
    void malformedRecordsAreDeadLetteredWithTheReasonAndMatchingGoesOn() throws Exception {
        String community = TestKafka.newCommunity();
        long volunteerId = TestKafka.newId();
        kafka.publishResource(volunteer(volunteerId, community, 300, 2, 0, "ERRANDS"), community);
        awaitIndexed(community, 1, 0);

        String notJson = "this is not an event " + community;
        kafka.send(Topics.NEEDS, community, notJson);
        // a well-formed envelope whose payload does not fit its type
        ObjectNode badPayload = EventJson.MAPPER.createObjectNode().put("needId", "not a number");
        String badEnvelope = EventJson.write(new EventEnvelope(UUID.randomUUID(), "MatchingStarted", 1,
                Clock.systemUTC().instant(), community, "need-bad", badPayload));
        kafka.send(Topics.NEEDS, community, badEnvelope);
        long needId = TestKafka.newId();
        kafka.publishNeedEvent(new MatchingStarted(needId, 2, "ERRANDS", "NORMAL", NEED, List.of()), community);

        try (TestKafka.RecordProbe deadLetters = new TestKafka.RecordProbe(Topics.DEAD_LETTER)) {
            ConsumerRecord<String, String> parked = deadLetters.await(r -> notJson.equals(r.value()));
            assertEquals(community, parked.key());
            String reason = TestKafka.RecordProbe.header(parked, Topics.HEADER_DLQ_REASON);
            assertNotNull(reason, "the reason header");
            assertTrue(reason.contains("not an event envelope"), reason);
            String source = TestKafka.RecordProbe.header(parked, Topics.HEADER_DLQ_SOURCE);
            assertTrue(source.startsWith(NeedsListener.CONSUMER + "@" + Topics.NEEDS + "/"), source);

            ConsumerRecord<String, String> misfit = deadLetters.await(r -> badEnvelope.equals(r.value()));
            String misfitReason = TestKafka.RecordProbe.header(misfit, Topics.HEADER_DLQ_REASON);
            assertTrue(misfitReason.contains("payload does not fit MatchingStarted"), misfitReason);
        }

        MatchProposed proposed = proposal(community, needId);
        assertEquals(volunteerId, proposed.volunteerId());
        assertEquals(2, proposed.attempt());
        assertNull(proposed.merchantId(), "no merchant sells errands in this community");
    }

    @Test
    void aRequestThatKeepsFailingIsDeadLetteredOnceAfterTheRetriesAndMatchingGoesOn() {
        String community = TestKafka.newCommunity();
        long volunteerId = TestKafka.newId();
        kafka.publishResource(volunteer(volunteerId, community, 300, 2, 0, "MEALS"), community);
        awaitIndexed(community, 1, 0);

        // binds, but cannot be matched: there is no place to measure from
        long broken = TestKafka.newId();
        EventEnvelope failing = kafka.publishNeedEvent(
                new MatchingStarted(broken, 1, "MEALS", "NORMAL", null, List.of()), community);
        long needId = TestKafka.newId();
        kafka.publishNeedEvent(new MatchingStarted(needId, 1, "MEALS", "NORMAL", NEED, List.of()), community);

        assertEquals(volunteerId, proposal(community, needId).volunteerId(), "the next request is still answered");
        try (TestKafka.RecordProbe deadLetters = new TestKafka.RecordProbe(Topics.DEAD_LETTER)) {
            String json = EventJson.write(failing);
            List<ConsumerRecord<String, String>> parked = deadLetters.readToEnd().stream()
                    .filter(r -> json.equals(r.value())).toList();
            assertEquals(1, parked.size(), "dead-lettered once, not once per attempt");
            String reason = TestKafka.RecordProbe.header(parked.get(0), Topics.HEADER_DLQ_REASON);
            assertTrue(reason.startsWith("failed after retries"), reason);
        }
        assertTrue(matches.values().stream().noneMatch(TestKafka.about(community, "need-" + broken)),
                "no answer for a request that could not be handled");
    }

    private MatchProposed proposal(String community, long needId) {
        return (MatchProposed) EventJson.read(matches.await(
                TestKafka.event(MatchProposed.class, community, "need-" + needId))).typedPayload();
    }

    /** Resource states and requests travel on different topics: wait until the index has the states. */
    private void awaitIndexed(String community, int volunteers, int merchants) {
        assertTrue(feed.isCaughtUp() || awaitCaughtUp());
        await().atMost(Duration.ofSeconds(30)).until(() -> index.volunteers(community).size() == volunteers
                && index.merchants(community).size() == merchants);
    }

    private boolean awaitCaughtUp() {
        try {
            return feed.awaitCaughtUp(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Location metresNorth(double metres) {
        return new Location(NEED.lat() + metres / 111_195d, NEED.lon());
    }

    static VolunteerStateChanged volunteer(long id, String community, double metresNorth, int max, int active,
                                           String... skills) {
        return new VolunteerStateChanged(id, community, "志愿者" + id, List.of(skills), metresNorth(metresNorth),
                true, true, max, active);
    }
}
