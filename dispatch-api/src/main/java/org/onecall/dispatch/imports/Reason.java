package org.onecall.dispatch.imports;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link ReasonCode} with its values ("value" → the cell's text, "line" → 3), before it is put
 * in words in the reader's language.
 */
record Reason(ReasonCode code, Map<String, String> params) {

    /** A cell's text quoted back is cut here: a reason names the value, it does not carry the file. */
    static final int MAX_VALUE = 100;

    Reason {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        assert params.keySet().equals(code.params()) : code + " takes " + code.params() + ", given " + params.keySet();
    }

    /** {@code Reason.of(NOT_A_NUMBER, "value", "abc")}: names and values in turn. */
    static Reason of(ReasonCode code, Object... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            params.put(String.valueOf(namesAndValues[i]), shorten(String.valueOf(namesAndValues[i + 1])));
        }
        return new Reason(code, params);
    }

    String render(Language language) {
        return code.render(language, params);
    }

    private static String shorten(String value) {
        return value.codePointCount(0, value.length()) <= MAX_VALUE ? value
                : value.substring(0, value.offsetByCodePoints(0, MAX_VALUE - 1)) + "…";
    }

    /** A value a parser could not read, and why: {@link Cells#parse} records it under the column. */
    static final class Bad extends IllegalArgumentException {

        private final Reason reason;

        Bad(ReasonCode code, Object... namesAndValues) {
            this(of(code, namesAndValues));
        }

        Bad(Reason reason) {
            super(reason.render(Language.EN));
            this.reason = reason;
        }

        Reason reason() {
            return reason;
        }
    }
}
