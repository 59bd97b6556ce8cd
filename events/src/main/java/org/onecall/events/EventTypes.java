package org.onecall.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The registry of wire names, derived from the sealed {@link EventPayload} hierarchy. */
public final class EventTypes {

    private static final Map<String, Class<? extends EventPayload>> BY_NAME = Arrays
            .stream(EventPayload.class.getPermittedSubclasses())
            .map(EventTypes::asPayloadClass)
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    public static String typeOf(EventPayload payload) {
        return payload.getClass().getSimpleName();
    }

    public static Optional<Class<? extends EventPayload>> classOf(String type) {
        return Optional.ofNullable(BY_NAME.get(type));
    }

    public static Map<String, Class<? extends EventPayload>> all() {
        return BY_NAME;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends EventPayload> asPayloadClass(Class<?> c) {
        return (Class<? extends EventPayload>) c;
    }

    private EventTypes() {
    }
}
