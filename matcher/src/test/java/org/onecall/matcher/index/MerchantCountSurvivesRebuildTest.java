package org.onecall.matcher.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.EventPayload;
import org.onecall.events.Location;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;
import org.onecall.events.Topics;
import org.onecall.matcher.MatcherApp;
import org.onecall.matcher.engine.MatchingStrategy;
import org.onecall.testsupport.KafkaBrokerExtension;

/**
 * A merchant's daily count travels on the compacted resources topic like a volunteer's load: a
 * matcher started afterwards knows who is full today (Beijing's day, at whatever hour this runs).
 */
@ExtendWith(KafkaBrokerExtension.class)
class MerchantCountSurvivesRebuildTest {

    private static final Location NEED = new Location(39.7275, 116.3405);

    @Test
    void aMerchantFullTodayIsPassedOverByAMatcherStartedAfterwards() throws InterruptedException {
        String community = "c-count-" + UUID.randomUUID().toString().substring(0, 8);
        long base = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) * 10;
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            publish(producer, community, new VolunteerStateChanged(base, community, "志*", List.of("MEDICINE"), NEED,
                    true, true, 5, 0));
            publish(producer, community, merchant(base + 1, community, 50, 3, 2, today));   // room for one more
            publish(producer, community, merchant(base + 1, community, 50, 3, 3, today));   // then full: the last wins
            publish(producer, community, merchant(base + 2, community, 400, 3, 3, today.minusDays(1)));
            producer.flush();
        }
        try (ApplicationContext matcher = ApplicationContext.run(Map.of(
                "kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers(),
                "micronaut.server.port", -1), MatcherApp.ENVIRONMENT)) {
            assertTrue(matcher.getBean(ResourceFeed.class).awaitCaughtUp(Duration.ofSeconds(30)), "caught up");
            var decision = matcher.getBean(MatchingStrategy.class).decide(community,
                    new MatchingStarted(1, 1, "MEDICINE", "NORMAL", NEED, List.of()),
                    matcher.getBean(ResourceIndex.class));
            var proposal = assertInstanceOf(MatchingStrategy.Proposal.class, decision);
            assertEquals(base + 2, proposal.merchantId(), "the nearer one is full today; yesterday's count is gone");
        }
    }

    private static MerchantStateChanged merchant(long id, String community, double metresNorth, int capacity,
                                                 int counted, LocalDate on) {
        return new MerchantStateChanged(id, community, "药房" + id, List.of("MEDICINE"),
                new Location(NEED.lat() + metresNorth / 111_195d, NEED.lon()), true, capacity, "MERCHANT", List.of(),
                "DELIVERY", "Asia/Shanghai", counted, on);
    }

    private static void publish(KafkaProducer<String, String> producer, String community, EventPayload payload) {
        producer.send(new ProducerRecord<>(Topics.RESOURCES, payload.aggregateId(),
                EventJson.write(EventEnvelope.of(payload, community, Clock.systemUTC()))));
    }
}
