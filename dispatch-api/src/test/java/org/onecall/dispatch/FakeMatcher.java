package org.onecall.dispatch;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.EventPayload;
import org.onecall.events.MatchEvents.MatchNotFound;
import org.onecall.events.MatchEvents.MatchProposed;
import org.onecall.events.Topics;
import org.onecall.kit.KafkaSender;
import org.onecall.testsupport.TestKafka;

/** Plays the matcher: writes its answers to {@link Topics#MATCHES}, keyed by community as the real one does. */
public final class FakeMatcher {

    private final Consumer<ProducerRecord<String, String>> kafka;

    /** Sends with the service's own producer: on the plain test broker anyone may write anything. */
    public FakeMatcher(KafkaSender kafka) {
        this.kafka = kafka::sendAndWait;
    }

    /** Sends with this client, e.g. signed in as the matcher on a broker with ACLs. */
    public FakeMatcher(TestKafka kafka) {
        this.kafka = r -> kafka.send(r.topic(), r.key(), r.value());
    }

    public UUID propose(String community, long needId, int attempt, long volunteerId) {
        return send(community, new MatchProposed(needId, attempt, volunteerId, null, 320, "最近的空闲志愿者"));
    }

    public UUID notFound(String community, long needId, int attempt, String reason) {
        return send(community, new MatchNotFound(needId, attempt, reason));
    }

    public UUID send(String community, EventPayload payload) {
        EventEnvelope envelope = EventEnvelope.of(payload, community, Clock.systemUTC());
        sendRaw(community, EventJson.write(envelope));
        return envelope.eventId();
    }

    /** Any text at all, as a broken or newer producer might send. */
    public void sendRaw(String community, String value) {
        kafka.accept(new ProducerRecord<>(Topics.MATCHES, community, value));
    }
}
