package org.onecall.matcher;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.EventPayload;
import org.onecall.events.MatchEvents.MatchNotFound;
import org.onecall.events.MatchEvents.MatchProposed;
import org.onecall.events.NeedEvents;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.kit.KafkaSender;
import org.onecall.events.Topics;
import org.onecall.matcher.engine.MatchingStrategy;
import org.onecall.matcher.engine.MatchingStrategy.Nobody;
import org.onecall.matcher.engine.MatchingStrategy.Proposal;
import org.onecall.matcher.index.ResourceFeed;
import org.onecall.matcher.index.ResourceIndex;

/**
 * Answers each {@code MatchingStarted} with a proposal or "nobody", and forgets a proposal once the
 * volunteer answered it. The requests of one batch are decided jointly per community. Proposals are
 * derived from the input, so a redelivered request yields a second proposal for the same round, which
 * dispatch-api discards as stale: no store is needed here.
 */
@Singleton
class Matching {

    private final MatchingStrategy strategy;
    private final ResourceIndex index;
    private final ResourceFeed feed;
    private final KafkaSender producer;
    private final Clock clock;

    Matching(MatchingStrategy strategy, ResourceIndex index, ResourceFeed feed, KafkaSender producer,
             Clock clock) {
        this.strategy = strategy;
        this.index = index;
        this.feed = feed;
        this.producer = producer;
        this.clock = clock;
    }

    void on(EventEnvelope envelope) throws InterruptedException {
        on(List.of(envelope));
    }

    /**
     * Answers come after the whole batch is read: a need's latest round wins, one cancelled or answered
     * later in the same batch is not matched, and the rest are decided together per community.
     */
    void on(List<EventEnvelope> batch) throws InterruptedException {
        Map<Long, EventEnvelope> requests = new LinkedHashMap<>();
        for (EventEnvelope envelope : batch) {
            EventPayload payload = envelope.typedPayload();
            if (payload instanceof MatchingStarted request) {
                requests.remove(request.needId());
                requests.put(request.needId(), envelope);
            } else if (payload instanceof NeedEvents.OfferMade o) {
                index.offered(o.needId());
            } else if (payload instanceof NeedEvents.OfferAccepted a) {
                index.answered(a.needId());
            } else if (payload instanceof NeedEvents.OfferDeclined d) {
                index.answered(d.needId());
            } else if (payload instanceof NeedEvents.OfferExpired x) {
                index.answered(x.needId());
            } else if (payload instanceof NeedEvents.NeedCancelled c) {
                index.answered(c.needId());
                requests.remove(c.needId());
            }
        }
        if (requests.isEmpty()) {
            return;
        }
        if (!feed.awaitCaughtUp(Duration.ofSeconds(60))) {
            throw new IllegalStateException("resource index not rebuilt yet; retrying");
        }
        Map<String, List<MatchingStarted>> byCommunity = new LinkedHashMap<>();
        for (EventEnvelope envelope : requests.values()) {
            MatchingStarted request = (MatchingStarted) envelope.typedPayload();
            index.answered(request.needId());
            byCommunity.computeIfAbsent(envelope.communityId(), c -> new ArrayList<>()).add(request);
        }
        for (Map.Entry<String, List<MatchingStarted>> community : byCommunity.entrySet()) {
            Map<Long, MatchingStrategy.Decision> decisions = strategy.decideAll(community.getKey(),
                    community.getValue(), index);
            for (MatchingStarted request : community.getValue()) {
                send(EventEnvelope.of(answer(request, decisions.get(request.needId())), community.getKey(), clock));
            }
        }
    }

    private static EventPayload answer(MatchingStarted request, MatchingStrategy.Decision decision) {
        if (decision instanceof Proposal p) {
            return new MatchProposed(request.needId(), request.attempt(), p.volunteerId(), p.merchantId(),
                    p.distanceMeters(), p.rationale(), p.score(), p.parts(), p.alternates());
        }
        return new MatchNotFound(request.needId(), request.attempt(), ((Nobody) decision).reason());
    }

    private void send(EventEnvelope envelope) {
        producer.sendAndWait(new ProducerRecord<>(Topics.MATCHES, envelope.communityId(), EventJson.write(envelope)));
    }
}
