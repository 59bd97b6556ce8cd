package org.onecall.matcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.ConsumerGroupState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.events.EventJson;
import org.onecall.events.MatchEvents.MatchProposed;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;
import org.onecall.events.Topics;
import org.onecall.matcher.index.GatedResourceIndex;
import org.onecall.matcher.index.ResourceFeed;
import org.onecall.matcher.index.ResourceIndex;
import org.onecall.testsupport.KafkaBrokerExtension;
import org.onecall.testsupport.TopicProbe;
import org.onecall.testsupport.TestKafka;

/**
 * A restarted matcher has nothing but the compacted resources topic: it must rebuild exactly the
 * index it had (the latest state of each resource), and must not answer a request before it has.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RestartRebuildTest {

    @Test
    void aNewMatcherRebuildsTheSameIndexAndAnswersRequestsOnlyOnceItHas() throws Exception {
        String community = TestKafka.newCommunity();
        long changing = TestKafka.newId();
        long steady = TestKafka.newId();
        long leaving = TestKafka.newId();
        long merchant = TestKafka.newId();
        VolunteerStateChanged latest;
        try (TestKafka kafka = new TestKafka()) {
            kafka.publishResource(MatcherFlowTest.volunteer(changing, community, 200, 2, 0, "MEALS"), community);
            kafka.publishResource(MatcherFlowTest.volunteer(steady, community, 2000, 2, 0, "MEALS", "MEDICINE"), community);
            kafka.publishResource(MatcherFlowTest.volunteer(leaving, community, 100, 1, 0, "MEDICINE"), community);
            kafka.publishResource(new MerchantStateChanged(merchant, community, "便民超市", List.of("ERRANDS"),
                    MatcherFlowTest.metresNorth(300), true, 10), community);
            // the same volunteer again, twice: off duty, then back with a new skill and one job running
            kafka.publishResource(new VolunteerStateChanged(changing, community, "志愿者" + changing,
                    List.of("MEALS"), MatcherFlowTest.metresNorth(200), false, true, 2, 0), community);
            latest = new VolunteerStateChanged(changing, community, "志愿者" + changing, List.of("MEALS", "MEDICINE"),
                    MatcherFlowTest.metresNorth(150), true, true, 2, 1);
            kafka.publishResource(latest, community);
            // and one who stops volunteering: still in the index, but inactive
            kafka.publishResource(new VolunteerStateChanged(leaving, community, "志愿者" + leaving,
                    List.of("MEDICINE"), MatcherFlowTest.metresNorth(100), true, false, 1, 0), community);
        }

        List<VolunteerStateChanged> first;
        try (ApplicationContext matcher = ApplicationContext.run(properties(false), MatcherApp.ENVIRONMENT, "test")) {
            assertTrue(matcher.getBean(ResourceFeed.class).awaitCaughtUp(Duration.ofSeconds(30)), "caught up");
            ResourceIndex index = matcher.getBean(ResourceIndex.class);
            first = index.snapshot().get(community);
            assertEquals(1, index.merchants(community).size());
        }
        assertNotNull(first);
        assertEquals(List.of(changing, steady, leaving), first.stream().map(VolunteerStateChanged::volunteerId).toList());
        assertEquals(latest, first.get(0), "the latest state of a resource wins");
        assertFalse(first.get(2).active(), "the latest state of a resource wins");

        // a request arrives while no matcher runs; only the volunteer's latest state makes him fit
        long needId = TestKafka.newId();
        try (TestKafka kafka = new TestKafka()) {
            kafka.publishNeedEvent(new MatchingStarted(needId, 4, "MEDICINE", "URGENT", MatcherFlowTest.NEED,
                    List.of()), community);
        }

        GatedResourceIndex.close();
        try (TopicProbe matches = TopicProbe.open(Topics.MATCHES);
             ApplicationContext matcher = ApplicationContext.run(properties(true), MatcherApp.ENVIRONMENT, "test")) {
            try {
                ResourceFeed feed = matcher.getBean(ResourceFeed.class);
                assertInstanceOf(GatedResourceIndex.class, matcher.getBean(ResourceIndex.class));
                awaitNeedsConsumerAssigned();
                // the listener has the request by now; with the index not rebuilt it must wait, not say "nobody"
                await("no answer while the index is not rebuilt").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                        .until(() -> matches.values().stream().noneMatch(TestKafka.about(community, "need-" + needId)));
                assertFalse(feed.isCaughtUp());

                GatedResourceIndex.open();

                MatchProposed proposed = (MatchProposed) EventJson.read(matches.await(
                        TestKafka.event(MatchProposed.class, community, "need-" + needId))).typedPayload();
                assertEquals(changing, proposed.volunteerId());
                assertEquals(4, proposed.attempt());
                assertEquals(1, matches.values().stream().filter(TestKafka.about(community, "need-" + needId)).count(),
                        "one answer, and it is the proposal");

                assertTrue(feed.awaitCaughtUp(Duration.ofSeconds(30)));
                ResourceIndex index = matcher.getBean(ResourceIndex.class);
                assertEquals(first, index.snapshot().get(community), "the rebuilt index equals the first one");
                assertEquals(1, index.merchants(community).size());
            } finally {
                GatedResourceIndex.open();
            }
        }
    }

    private static Map<String, Object> properties(boolean gated) {
        Map<String, Object> p = new HashMap<>();
        p.put("kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers());
        p.put("micronaut.server.port", -1);
        p.put(GatedResourceIndex.PROPERTY, gated);
        return p;
    }

    /** The matcher's needs listener has joined its group and holds partitions. */
    private static void awaitNeedsConsumerAssigned() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerExtension.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("matcher")).all()
                        .get(5, TimeUnit.SECONDS).get("matcher");
                return group.state() == ConsumerGroupState.STABLE && group.members().stream()
                        .flatMap(m -> m.assignment().topicPartitions().stream())
                        .filter(tp -> tp.topic().equals(Topics.NEEDS)).count() == KafkaBrokerExtension.PARTITIONS;
            });
        }
    }
}
