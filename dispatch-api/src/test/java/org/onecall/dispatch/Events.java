package org.onecall.dispatch;

import java.util.Optional;
import java.util.function.Predicate;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.EventPayload;
import org.onecall.events.MalformedEventException;

/** Predicates over records on a topic, for {@link org.onecall.testsupport.TopicProbe}; other tests' events never match. */
public final class Events {

    /** An event of this type about this need of this community. */
    public static Predicate<String> about(String community, long needId, Class<? extends EventPayload> type) {
        return about(community, needId, type, p -> true);
    }

    /** As {@link #about(String, long, Class)}, and its payload satisfies {@code where}. */
    public static <T extends EventPayload> Predicate<String> about(String community, long needId, Class<T> type,
                                                                   Predicate<T> where) {
        return json -> parse(json)
                .filter(e -> e.communityId().equals(community) && e.aggregateId().equals("need-" + needId)
                        && e.is(type))
                .map(e -> where.test(type.cast(e.typedPayload())))
                .orElse(false);
    }

    /** Any event of this community. */
    public static Predicate<String> of(String community) {
        return json -> parse(json).filter(e -> e.communityId().equals(community)).isPresent();
    }

    public static Optional<EventEnvelope> parse(String json) {
        try {
            return Optional.of(EventJson.read(json));
        } catch (MalformedEventException e) {
            return Optional.empty();
        }
    }

    private Events() {
    }
}
