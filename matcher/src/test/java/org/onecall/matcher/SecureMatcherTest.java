package org.onecall.matcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.events.EventJson;
import org.onecall.events.MatchEvents.MatchProposed;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.ServiceAccess;
import org.onecall.events.Topics;
import org.onecall.matcher.index.ResourceFeed;
import org.onecall.matcher.index.ResourceIndex;
import org.onecall.testsupport.SecureKafkaBrokerExtension;
import org.onecall.testsupport.TestKafka;
import org.onecall.testsupport.TopicProbe;

/**
 * The matcher signed in as its own principal on a broker with SASL/SCRAM and ACLs: its listener,
 * its resource feed (a consumer of its own, without a group), its proposals and its dead letters
 * all work with only the rights {@link ServiceAccess} gives it. Requests and resources come from
 * the dispatch-api principal, as in a deployment.
 */
@MicronautTest(environments = {MatcherApp.ENVIRONMENT, "test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SecureKafkaBrokerExtension.class)
class SecureMatcherTest implements TestPropertyProvider {

    @Inject
    ResourceIndex index;
    @Inject
    ResourceFeed feed;
    @Inject
    @Client("/")
    HttpClient http;

    private TestKafka dispatchApi;
    private TopicProbe matches;

    @Override
    public Map<String, String> getProperties() {
        return SecureKafkaBrokerExtension.serviceProperties(ServiceAccess.MATCHER);
    }

    @BeforeAll
    void open() {
        dispatchApi = new TestKafka(SecureKafkaBrokerExtension.clientConfig(ServiceAccess.DISPATCH_API));
        matches = TopicProbe.open(SecureKafkaBrokerExtension.clientConfig(ServiceAccess.DISPATCH_API), Topics.MATCHES);
    }

    @AfterAll
    void close() {
        matches.close();
        dispatchApi.close();
    }

    @Test
    void aRequestFromDispatchApiIsAnsweredWithAProposal() throws Exception {
        String community = TestKafka.newCommunity();
        long volunteer = TestKafka.newId();
        dispatchApi.publishResource(MatcherFlowTest.volunteer(volunteer, community, 200, 2, 0, "MEDICINE"), community);
        assertTrue(feed.awaitCaughtUp(Duration.ofSeconds(30)), "the resource feed signed in and read the topic");
        await().atMost(Duration.ofSeconds(30)).until(() -> index.volunteers(community).size() == 1);

        long needId = TestKafka.newId();
        dispatchApi.publishNeedEvent(new MatchingStarted(needId, 1, "MEDICINE", "URGENT", MatcherFlowTest.NEED, List.of()),
                community);

        MatchProposed proposed = (MatchProposed) EventJson.read(matches.await(
                TestKafka.event(MatchProposed.class, community, "need-" + needId))).typedPayload();
        assertEquals(volunteer, proposed.volunteerId());
    }

    @Test
    void aMalformedRequestIsDeadLetteredUnderTheMatchersName() {
        String community = TestKafka.newCommunity();
        String notJson = "not an event, for the secured matcher " + community;
        dispatchApi.send(Topics.NEEDS, community, notJson);
        try (TestKafka.RecordProbe deadLetters = new TestKafka.RecordProbe(
                SecureKafkaBrokerExtension.clientConfig(SecureKafkaBrokerExtension.ADMIN), Topics.DEAD_LETTER)) {
            ConsumerRecord<String, String> parked = deadLetters.await(r -> notJson.equals(r.value()));
            assertTrue(TestKafka.RecordProbe.header(parked, Topics.HEADER_DLQ_SOURCE).startsWith(NeedsListener.CONSUMER));
        }
    }

    @Test
    void healthSaysKafkaIsUpWithTheMatchersRightsOnly() {
        JsonNode health = http.toBlocking().retrieve("/health", JsonNode.class);
        assertEquals("UP", health.at("/details/kafka/status").asText(), health.toString());
    }
}
