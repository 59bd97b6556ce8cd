package org.onecall.matcher;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.EventPayload;
import org.onecall.events.MatchEvents.MatchNotFound;
import org.onecall.events.MatchEvents.MatchProposed;
import org.onecall.events.NeedEvents;
import org.onecall.kit.KafkaSender;
import org.onecall.events.Topics;
import org.onecall.matcher.engine.MatchingStrategy;
import org.onecall.matcher.engine.MatchingStrategy.Nobody;
import org.onecall.matcher.engine.MatchingStrategy.Proposal;
import org.onecall.matcher.index.ResourceFeed;
import org.onecall.matcher.index.ResourceIndex;

/**
 * Answers each {@code MatchingStarted} with a proposal or "nobody", and forgets a proposal once the
 * volunteer answered it. Proposals are derived from the input, so a redelivered request yields a
 * second proposal for the same round, which dispatch-api discards as stale: no store is needed here.
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
        EventPayload payload = envelope.typedPayload();
        if (payload instanceof NeedEvents.MatchingStarted request) {
            match(envelope.communityId(), request);
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
        }
    }

    private void match(String communityId, NeedEvents.MatchingStarted request) throws InterruptedException {
        if (!feed.awaitCaughtUp(Duration.ofSeconds(60))) {
            throw new IllegalStateException("resource index not rebuilt yet; retrying");
        }
        index.answered(request.needId());
        MatchingStrategy.Decision decision = strategy.decide(communityId, request, index);
        EventPayload answer;
        if (decision instanceof Proposal p) {
            index.proposed(request.needId(), p.volunteerId(), p.merchantId());
            answer = new MatchProposed(request.needId(), request.attempt(), p.volunteerId(), p.merchantId(),
                    p.distanceMeters(), p.rationale());
        } else {
            answer = new MatchNotFound(request.needId(), request.attempt(), ((Nobody) decision).reason());
        }
        send(EventEnvelope.of(answer, communityId, clock));
    }

    private void send(EventEnvelope envelope) {
        producer.sendAndWait(new ProducerRecord<>(Topics.MATCHES, envelope.communityId(), EventJson.write(envelope)));
    }
}
