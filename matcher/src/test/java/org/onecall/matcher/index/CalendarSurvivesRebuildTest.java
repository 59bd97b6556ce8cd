package org.onecall.matcher.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.events.DatePeriod;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.EventPayload;
import org.onecall.events.Location;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.ResourceEvents;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;
import org.onecall.events.TimeWindow;
import org.onecall.events.Topics;
import org.onecall.matcher.MatcherApp;
import org.onecall.matcher.engine.MatchingStrategy;
import org.onecall.testsupport.KafkaBrokerExtension;

/**
 * A matcher rebuilt from the compacted topic alone keeps each volunteer's status, weekly hours
 * and leave, and honours them: the only volunteer it proposes is the one within their hours now,
 * before and after a restart. The hours are set around the real "now" (the matcher uses the
 * system clock), in Beijing time, so the test holds at any hour it runs.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CalendarSurvivesRebuildTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Location NEED = new Location(39.7275, 116.3405);

    @Test
    void statusHoursAndLeaveSurviveARestartAndAreHonoured() throws InterruptedException {
        String community = "c-cal-" + UUID.randomUUID().toString().substring(0, 8);
        long base = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) * 10;
        LocalDateTime now = LocalDateTime.now(BEIJING).truncatedTo(ChronoUnit.MINUTES);
        List<TimeWindow> aroundNow = List.of(window(now.minusHours(1), now.plusHours(1)));
        List<TimeWindow> later = List.of(window(now.plusHours(2), now.plusHours(3)));
        LocalDate today = now.toLocalDate();

        var onLeave = volunteer(base + 1, community, 50, ResourceEvents.ACTIVE, aroundNow,
                List.of(new DatePeriod(today.minusDays(1), today.plusDays(1))));
        var outsideHours = volunteer(base + 2, community, 100, ResourceEvents.ACTIVE, later, List.of());
        var suspended = volunteer(base + 3, community, 150, ResourceEvents.SUSPENDED, aroundNow, List.of());
        var free = volunteer(base + 4, community, 900, ResourceEvents.ACTIVE, aroundNow,
                List.of(new DatePeriod(today.plusDays(10), today.plusDays(12))));
        try (KafkaProducer<String, String> producer = producer()) {
            // an older state of the free volunteer, on leave today: the later record must win
            publish(producer, community, volunteer(base + 4, community, 900, ResourceEvents.ACTIVE, aroundNow,
                    List.of(new DatePeriod(today, today))));
            for (var v : List.of(onLeave, outsideHours, suspended, free)) {
                publish(producer, community, v);
            }
            producer.flush();
        }

        List<VolunteerStateChanged> first = rebuildAndCheck(community, free.volunteerId());
        assertEquals(List.of(onLeave, outsideHours, suspended, free), first, "every new field survives the topic");

        List<VolunteerStateChanged> second = rebuildAndCheck(community, free.volunteerId());
        assertEquals(first, second, "a restarted matcher rebuilds the same index");
    }

    private static List<VolunteerStateChanged> rebuildAndCheck(String community, long expected)
            throws InterruptedException {
        try (ApplicationContext matcher = ApplicationContext.run(Map.of(
                "kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers(),
                "micronaut.server.port", -1), MatcherApp.ENVIRONMENT)) {
            assertTrue(matcher.getBean(ResourceFeed.class).awaitCaughtUp(Duration.ofSeconds(30)), "caught up");
            ResourceIndex index = matcher.getBean(ResourceIndex.class);
            var decision = matcher.getBean(MatchingStrategy.class).decide(community,
                    new MatchingStarted(1, 1, "MEDICINE", "NORMAL", NEED, List.of()), index);
            var proposal = assertInstanceOf(MatchingStrategy.Proposal.class, decision);
            assertEquals(expected, proposal.volunteerId(), "the only one free now, though the farthest");
            return index.snapshot().get(community);
        }
    }

    /** A window from one moment to another on the local clock, crossing midnight if it must. */
    private static TimeWindow window(LocalDateTime from, LocalDateTime to) {
        return new TimeWindow(from.getDayOfWeek(), from.toLocalTime(), to.toLocalTime());
    }

    private static VolunteerStateChanged volunteer(long id, String community, double metresNorth, String status,
                                                   List<TimeWindow> hours, List<DatePeriod> leave) {
        return new VolunteerStateChanged(id, community, "志愿者" + id, List.of("MEDICINE"),
                new Location(NEED.lat() + metresNorth / 111_195d, NEED.lon()), true, true, 2, 0, status, hours, leave,
                List.of("普通话"), "Asia/Shanghai");
    }

    private static void publish(KafkaProducer<String, String> producer, String community, EventPayload payload) {
        EventEnvelope e = EventEnvelope.of(payload, community, java.time.Clock.systemUTC());
        producer.send(new ProducerRecord<>(Topics.RESOURCES, payload.aggregateId(), EventJson.write(e)));
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerExtension.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
    }
}
