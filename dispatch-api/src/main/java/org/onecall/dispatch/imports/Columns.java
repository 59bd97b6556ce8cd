package org.onecall.dispatch.imports;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A sheet's columns, known by their Chinese header (as communities' sheets have them) or the
 * English field name. Each kind of sheet lists its columns as an enum implementing {@link Column};
 * docs/import.md documents the layouts: keep the two in step.
 */
final class Columns {

    interface Column {
        Spec spec();

        default boolean required() {
            return spec().required();
        }

        /** The first is the header reports use; the rest are aliases. */
        default List<String> headers() {
            return spec().headers();
        }

        default String header() {
            return headers().get(0);
        }
    }

    record Spec(boolean required, List<String> headers) {
        Spec(boolean required, String... headers) {
            this(required, List.of(headers));
        }
    }

    /** Where each column is, plus header problems (missing, repeated) and the headers that are ignored. */
    record Layout<C extends Enum<C> & Column>(Class<C> type, Map<C, Integer> index, List<RowError> errors, List<String> ignored) {
    }

    private Columns() {
    }

    static <C extends Enum<C> & Column> Optional<C> of(Class<C> columns, String header) {
        String h = header.strip().replace("*", "").replace("（必填）", "").replace("(必填)", "").strip()
                .toLowerCase(Locale.ROOT);
        for (C c : columns.getEnumConstants()) {
            for (String known : c.headers()) {
                if (known.toLowerCase(Locale.ROOT).equals(h)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    static <C extends Enum<C> & Column> Layout<C> layout(Class<C> columns, List<String> header) {
        Map<C, Integer> index = new EnumMap<>(columns);
        List<RowError> errors = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (h.isBlank()) {
                continue;
            }
            Optional<C> c = of(columns, h);
            if (c.isEmpty()) {
                ignored.add(h);
            } else if (index.putIfAbsent(c.get(), i) != null) {
                errors.add(RowError.of(1, h, Reason.of(ReasonCode.DUPLICATE_COLUMN, "column", c.get().header())));
            }
        }
        for (C c : columns.getEnumConstants()) {
            if (c.required() && !index.containsKey(c)) {
                errors.add(RowError.of(1, c.header(), Reason.of(ReasonCode.MISSING_COLUMN, "column", c.header())));
            }
        }
        return new Layout<>(columns, index, errors, ignored);
    }
}
