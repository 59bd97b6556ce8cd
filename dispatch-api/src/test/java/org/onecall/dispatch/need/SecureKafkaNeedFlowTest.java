package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.dispatch.Databases;
import org.onecall.dispatch.DispatchTest;
import org.onecall.dispatch.Events;
import org.onecall.dispatch.FakeMatcher;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.NeedEvents.OfferMade;
import org.onecall.events.ServiceAccess;
import org.onecall.events.Topics;
import org.onecall.testsupport.SecureKafkaBrokerExtension;
import org.onecall.testsupport.TestKafka;
import org.onecall.testsupport.TopicProbe;

/**
 * dispatch-api signed in as its own principal on a broker with SASL/SCRAM and ACLs, the matcher's
 * side played by a client signed in as the matcher: a call becomes a need, the relay publishes it,
 * the matcher's proposal becomes an offer. The outbox relay, both listeners and the dead letters
 * work with only the rights {@link ServiceAccess} gives dispatch-api.
 */
@ExtendWith(SecureKafkaBrokerExtension.class)
class SecureKafkaNeedFlowTest extends DispatchTest {

    private TestKafka asMatcher;
    private TestKafka asAdmin;
    private FakeMatcher signedInMatcher;

    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }

    @Override
    protected Map<String, String> settings() {
        return new HashMap<>(SecureKafkaBrokerExtension.serviceProperties(ServiceAccess.DISPATCH_API));
    }

    @BeforeAll
    void signIn() {
        asMatcher = new TestKafka(SecureKafkaBrokerExtension.clientConfig(ServiceAccess.MATCHER));
        asAdmin = new TestKafka(SecureKafkaBrokerExtension.clientConfig(SecureKafkaBrokerExtension.ADMIN));
        signedInMatcher = new FakeMatcher(asMatcher);
    }

    @BeforeEach
    void theMatcherSignsInAsItself() {
        // the service's own producer is dispatch-api's principal, which may not write proposals
        matcher = signedInMatcher;
    }

    @AfterAll
    void signOut() {
        asMatcher.close();
        asAdmin.close();
    }

    @Test
    void aNeedIsPublishedAndTheMatchersProposalBecomesAnOffer() {
        String community = api.community();
        long household = api.household(community);
        long volunteer = api.volunteer(community);
        try (TopicProbe needs = TopicProbe.open(SecureKafkaBrokerExtension.clientConfig(ServiceAccess.MATCHER), Topics.NEEDS);
             TopicProbe resources = TopicProbe.open(SecureKafkaBrokerExtension.clientConfig(ServiceAccess.MATCHER), Topics.RESOURCES)) {
            // the relay wrote the volunteer's state and the need's events as dispatch-api
            resources.await(TopicProbe.event("VolunteerStateChanged", "volunteer-" + volunteer));
            long needId = api.raise(household).get("id").asLong();
            needs.await(Events.about(community, needId, MatchingStarted.class, m -> m.attempt() == 1));

            matcher.propose(community, needId, 1, volunteer);

            eventually().until(() -> api.need(needId).get("status").asText().equals("OFFERED"));
            List<JsonNode> offers = api.offers(volunteer, "PENDING");
            assertEquals(1, offers.size(), offers::toString);
            needs.await(Events.about(community, needId, OfferMade.class, o -> o.volunteerId() == volunteer));
        }
    }

    @Test
    void aWorkOrderOnTheIntakeTopicBecomesANeed() {
        String community = api.community();
        long household = api.household(community);
        String sourceId = "BJ-" + UUID.randomUUID();
        // no service writes onecall.intake; an outside system would have a principal of its own, here the admin
        asAdmin.send(Topics.INTAKE, community, EventJson.write(EventEnvelope.of(
                IntakeTest.repair(sourceId, household, null), community, Clock.systemUTC())));

        eventually().until(() -> api.get("/api/communities/" + community + "/needs").body().toString().contains(sourceId));
    }

    @Test
    void aProposalThatIsNotAnEventIsDeadLetteredUnderDispatchApisName() {
        String community = api.community();
        String junk = "not a proposal, for the secured dispatch-api " + community;
        matcher.sendRaw(community, junk);
        try (TestKafka.RecordProbe deadLetters = new TestKafka.RecordProbe(
                SecureKafkaBrokerExtension.clientConfig(SecureKafkaBrokerExtension.ADMIN), Topics.DEAD_LETTER)) {
            ConsumerRecord<String, String> parked = deadLetters.await(r -> junk.equals(r.value()));
            assertTrue(TestKafka.RecordProbe.header(parked, Topics.HEADER_DLQ_SOURCE).contains("@" + Topics.MATCHES + "/"));
        }
    }

    @Test
    void healthSaysKafkaIsUpWithDispatchApisRightsOnly() {
        JsonNode health = api.get("/health").body();
        assertEquals("UP", health.at("/details/kafka/status").asText(), health.toString());
    }
}
