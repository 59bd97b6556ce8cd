package org.onecall.matcher;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Matching.class);

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

    /** One request alone; what could not be decided is returned, not thrown. */
    Map<EventEnvelope, String> on(EventEnvelope envelope) throws InterruptedException {
        return on(List.of(envelope));
    }

    /**
     * A poll's events in order. Requests gather until an answer to an offer (or a cancellation) comes,
     * which frees a volunteer: the gathered ones are decided first, so the order of the stream is kept.
     * A need's later round replaces its earlier one. Returns the requests that could not be decided even
     * alone, with the error, (a bad request must not hold back the others): the caller dead-letters them.
     */
    Map<EventEnvelope, String> on(List<EventEnvelope> batch) throws InterruptedException {
        Map<Long, EventEnvelope> pending = new LinkedHashMap<>();
        Map<EventEnvelope, String> failed = new IdentityHashMap<>();
        for (EventEnvelope envelope : batch) {
            EventPayload payload = envelope.typedPayload();
            if (payload instanceof MatchingStarted request) {
                pending.remove(request.needId());
                pending.put(request.needId(), envelope);
                continue;
            }
            Long answered = answeredNeed(payload);
            if (answered == null) {
                continue;
            }
            failed.putAll(decide(pending));
            pending.clear();
            if (payload instanceof NeedEvents.OfferMade) {
                index.offered(answered);
            } else {
                index.answered(answered);
            }
        }
        failed.putAll(decide(pending));
        return failed;
    }

    /** The need an offer answer, an offer or a cancellation is about; null for other events. */
    private static Long answeredNeed(EventPayload payload) {
        if (payload instanceof NeedEvents.OfferMade o) {
            return o.needId();
        } else if (payload instanceof NeedEvents.OfferAccepted a) {
            return a.needId();
        } else if (payload instanceof NeedEvents.OfferDeclined d) {
            return d.needId();
        } else if (payload instanceof NeedEvents.OfferExpired x) {
            return x.needId();
        } else if (payload instanceof NeedEvents.NeedCancelled c) {
            return c.needId();
        } else if (payload instanceof NeedEvents.OfferWithdrawn w) {
            return w.needId();
        }
        return null;
    }

    private Map<EventEnvelope, String> decide(Map<Long, EventEnvelope> requests) throws InterruptedException {
        if (requests.isEmpty()) {
            return Map.of();
        }
        if (!feed.awaitCaughtUp(Duration.ofSeconds(60))) {
            throw new IllegalStateException("resource index not rebuilt yet; retrying");
        }
        Map<String, List<EventEnvelope>> byCommunity = new LinkedHashMap<>();
        for (EventEnvelope envelope : requests.values()) {
            index.answered(((MatchingStarted) envelope.typedPayload()).needId());
            byCommunity.computeIfAbsent(envelope.communityId(), c -> new ArrayList<>()).add(envelope);
        }
        Map<EventEnvelope, String> failed = new IdentityHashMap<>();
        for (Map.Entry<String, List<EventEnvelope>> community : byCommunity.entrySet()) {
            List<EventEnvelope> group = community.getValue();
            try {
                answer(community.getKey(), group);
            } catch (RuntimeException jointly) {
                if (group.size() == 1) {
                    LOG.warn("could not decide {}: {}", group.get(0).aggregateId(), jointly.toString());
                    failed.put(group.get(0), jointly.toString());
                    continue;
                }
                // one bad request spoils a joint decision: decide each alone, so only it is refused
                for (EventEnvelope one : group) {
                    try {
                        answer(community.getKey(), List.of(one));
                    } catch (RuntimeException alone) {
                        LOG.warn("could not decide {}: {}", one.aggregateId(), alone.toString());
                        failed.put(one, alone.toString());
                    }
                }
            }
        }
        return failed;
    }

    private void answer(String communityId, List<EventEnvelope> group) {
        List<MatchingStarted> requests = group.stream().map(e -> (MatchingStarted) e.typedPayload()).toList();
        Map<Long, MatchingStrategy.Decision> decisions = strategy.decideAll(communityId, requests, index);
        List<EventEnvelope> answers = requests.stream()
                .map(r -> EventEnvelope.of(answer(r, decisions.get(r.needId())), communityId, clock)).toList();
        answers.forEach(this::send);
    }

    private static EventPayload answer(MatchingStarted request, MatchingStrategy.Decision decision) {
        if (decision instanceof Proposal p) {
            return new MatchProposed(request.needId(), request.attempt(), p.volunteerId(), p.merchantId(),
                    p.distanceMeters(), p.rationale(), p.score(), p.parts(), p.alternates());
        }
        Nobody nobody = (Nobody) decision;
        return new MatchNotFound(request.needId(), request.attempt(), nobody.reason(), nobody.reasonZh());
    }

    private void send(EventEnvelope envelope) {
        producer.sendAndWait(new ProducerRecord<>(Topics.MATCHES, envelope.communityId(), EventJson.write(envelope)));
    }
}
