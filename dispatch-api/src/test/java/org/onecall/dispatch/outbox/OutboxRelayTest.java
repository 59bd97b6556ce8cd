package org.onecall.dispatch.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.DispatchTest;
import org.onecall.dispatch.Events;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.NeedEvents.NeedCancelled;
import org.onecall.events.NeedEvents.OfferAccepted;
import org.onecall.events.NeedEvents.OfferDeclined;
import org.onecall.events.Topics;
import org.onecall.kit.Refusal;
import org.onecall.testsupport.TopicProbe;

/** The outbox: rows written with the state change, published once each, and only if the change committed. */
abstract class OutboxRelayTest extends DispatchTest {

    private static final Instant T0 = Instant.parse("2024-03-01T08:15:30.123456Z");

    @Inject OutboxRepository rows;
    @Inject Outbox outbox;
    @Inject TransactionOperations<Connection> tx;

    @Test
    void rowsComeBackAsWrittenAndAreUnpublishedUntilMarked() {
        // inside a transaction that is rolled back, so the running relay never sees these rows
        String community = api.community();
        EventEnvelope event = EventEnvelope.of(new NeedCancelled(1, "测试 𠮷", "test"), community,
                java.time.Clock.systemUTC());
        tx.execute(TransactionDefinition.DEFAULT, status -> {
            OutboxRow row = rows.save(new OutboxRow(null, event.eventId(), Topics.NEEDS, community, "NeedCancelled",
                    EventJson.write(event), T0, null, null));
            assertEquals(row, rows.findById(row.id()).orElseThrow());
            assertEquals(EventJson.write(event), rows.findById(row.id()).orElseThrow().payload());
            assertTrue(rows.findUnpublished(10_000).contains(row));
            assertTrue(rows.countUnpublished() >= 1);

            assertEquals(1, rows.markPublished(List.of(row.id()), T0.plusSeconds(1)));
            assertEquals(T0.plusSeconds(1), rows.findById(row.id()).orElseThrow().publishedAt());
            assertFalse(rows.findUnpublished(10_000).stream().anyMatch(r -> r.id().equals(row.id())));
            status.setRollbackOnly();
            return null;
        });
        assertEquals(0, db.count("SELECT COUNT(*) FROM outbox WHERE event_id = ?", event.eventId()));
    }

    @Test
    void fiftyNeedsRaisedConcurrentlyArePublishedExactlyOnceEach() throws Exception {
        String community = api.community();
        long household = api.household(community);
        List<Callable<Long>> raises = Collections.nCopies(50, () -> api.raise(household).get("id").asLong());
        ExecutorService operators = Executors.newFixedThreadPool(6);
        List<Long> needs = new ArrayList<>();
        try {
            for (Future<Long> raised : operators.invokeAll(raises)) {
                needs.add(raised.get());
            }
        } finally {
            operators.shutdownNow();
        }
        assertEquals(50, Set.copyOf(needs).size());

        String unpublished = "SELECT COUNT(*) FROM outbox WHERE msg_key = ? AND published_at IS NULL";
        eventually().until(() -> db.count(unpublished, community) == 0);
        Set<UUID> written = db.rows("SELECT event_id FROM outbox WHERE msg_key = ?", community).stream()
                .map(r -> (UUID) r.get("event_id")).collect(Collectors.toSet());
        assertEquals(100, written.size(), "NeedRaised and MatchingStarted for each need");

        try (TopicProbe topic = TopicProbe.open(Topics.NEEDS)) {
            eventually().until(() -> published(topic, community).stream().map(EventEnvelope::eventId)
                    .collect(Collectors.toSet()).equals(written));
            List<EventEnvelope> seen = published(topic, community);
            Map<UUID, Long> copies = seen.stream()
                    .collect(Collectors.groupingBy(EventEnvelope::eventId, Collectors.counting()));
            assertEquals(Map.of(), Map.copyOf(copies.entrySet().stream().filter(e -> e.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))), "published twice");
            assertEquals(100, seen.size());

            // one partition per community: each need's events arrive in the order they were written
            Map<String, List<String>> perNeed = seen.stream().collect(Collectors.groupingBy(
                    EventEnvelope::aggregateId, Collectors.mapping(EventEnvelope::type, Collectors.toList())));
            perNeed.values().forEach(types -> assertEquals(List.of("NeedRaised", "MatchingStarted"), types));
        }
    }

    @Test
    void anEventWrittenInATransactionThatRollsBackIsNeverPublished() {
        String community = api.community();
        AtomicReference<EventEnvelope> doomed = new AtomicReference<>();
        assertThrows(Refusal.class, () -> tx.executeWrite(status -> {
            doomed.set(outbox.needEvent(community, new NeedCancelled(1, "written, then refused", "test")));
            throw Refusal.conflict("refused after the outbox was written");
        }));
        assertEquals(0, db.count("SELECT COUNT(*) FROM outbox WHERE event_id = ?", doomed.get().eventId()));

        EventEnvelope committed = tx.executeWrite(
                status -> outbox.needEvent(community, new NeedCancelled(2, "committed", "test")));
        try (TopicProbe topic = TopicProbe.open(Topics.NEEDS)) {
            // same community, same partition: had the first been sent, it would be ahead of the second
            topic.await(json -> Events.parse(json).map(e -> e.eventId().equals(committed.eventId())).orElse(false));
            assertFalse(topic.values().stream().anyMatch(json -> json.contains(doomed.get().eventId().toString())));
        }
    }

    @Test
    void anAcceptRefusedAtTheVolunteersLimitPublishesNothing() {
        String community = api.community();
        long household = api.household(community);
        long volunteer = api.volunteer(community, true, 1);
        long first = offered(community, household, volunteer);
        long second = offered(community, household, volunteer);
        Function<Long, Long> offerFor = need -> api.offers(volunteer, "PENDING").stream()
                .filter(o -> o.get("needId").asLong() == need).findFirst().orElseThrow().get("offerId").asLong();
        long secondOffer = offerFor.apply(second);

        api.accept(offerFor.apply(first), volunteer).expect(200);
        assertEquals(409, api.accept(secondOffer, volunteer).status());
        assertEquals("OFFERED", api.need(second).get("status").asText());
        assertEquals(1, api.volunteerState(volunteer).get("activeJobs").asInt());
        assertTrue(db.outbox(community, second).stream().noneMatch(e -> e.is(OfferAccepted.class)));

        api.decline(secondOffer, volunteer, "已经有一单了").expect(200);
        try (TopicProbe topic = TopicProbe.open(Topics.NEEDS)) {
            topic.await(Events.about(community, second, OfferDeclined.class));
            assertTrue(topic.values().stream().noneMatch(Events.about(community, second, OfferAccepted.class)));
        }
    }

    private long offered(String community, long household, long volunteer) {
        long need = api.raise(household).get("id").asLong();
        matcher.propose(community, need, 1, volunteer);
        eventually().until(() -> api.need(need).get("status").asText().equals("OFFERED"));
        return need;
    }

    private static List<EventEnvelope> published(TopicProbe topic, String community) {
        return topic.values().stream().filter(Events.of(community)).map(EventJson::read).toList();
    }
}
