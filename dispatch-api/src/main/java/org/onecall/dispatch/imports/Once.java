package org.onecall.dispatch.imports;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A column whose values must be new to the community and appear once in the file (a volunteer's
 * phone, a merchant's name): the same rule as the database's unique constraint, told per line.
 */
final class Once {

    private final Set<String> registered;
    private final Map<String, Integer> firstLine = new HashMap<>();

    /** @param registered the values the community already has, in the stored form */
    Once(Set<String> registered) {
        this.registered = registered;
    }

    /** Why {@code value} (in the stored form) on {@code line} is a duplicate, or empty when it is new. */
    Optional<Reason> problem(String value, int line) {
        Integer first = firstLine.putIfAbsent(value, line);
        if (first != null) {
            return Optional.of(Reason.of(ReasonCode.DUPLICATE_IN_FILE, "value", value, "line", first));
        }
        if (registered.contains(value)) {
            return Optional.of(Reason.of(ReasonCode.ALREADY_EXISTS, "value", value));
        }
        return Optional.empty();
    }
}
