package org.onecall.dispatch.imports;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.onecall.events.Category;

/**
 * Reads one line's cells by column, collecting each column's problem instead of stopping at the
 * first, and the cell formats every sheet shares (lists, numbers, 是/否, dates, categories).
 */
record Cells<C extends Enum<C> & Columns.Column>(Sheet.Line line, Columns.Layout<C> layout, List<RowError> errors) {

    /** Categories by their Chinese name, any part of it ("送餐/吃饭" is also "送餐" and "吃饭"), or the enum name. */
    private static final Map<String, Category> CATEGORIES = new HashMap<>();

    static {
        for (Category c : Category.values()) {
            CATEGORIES.put(c.name(), c);
            CATEGORIES.put(c.zh(), c);
            for (String part : c.zh().split("/")) {
                CATEGORIES.put(part, c);
            }
        }
        CATEGORIES.putAll(Map.of("买药", Category.MEDICINE, "代购", Category.ERRANDS, "代办", Category.ERRANDS,
                "家政", Category.HOME_CARE, "走访", Category.COMPANIONSHIP, "调解", Category.MEDIATION,
                "就业", Category.EMPLOYMENT, "辅导", Category.EDUCATION, "环境", Category.ENVIRONMENT_SAFETY,
                "安全隐患", Category.ENVIRONMENT_SAFETY));
    }

    Cells(Sheet.Line line, Columns.Layout<C> layout) {
        this(line, layout, new ArrayList<>());
    }

    String text(C column) {
        Integer i = layout.index().get(column);
        return i == null ? "" : line.cell(i);
    }

    /** The cell parsed, or {@code blank} when it is empty or does not parse (then the reason is recorded). */
    <T> T parse(C column, Function<String, T> parser, T blank) {
        String t = text(column);
        if (t.isEmpty()) {
            return blank;
        }
        try {
            return parser.apply(t);
        } catch (IllegalArgumentException e) {
            error(column, e.getMessage());
            return blank;
        }
    }

    void error(C column, String reason) {
        errors.add(new RowError(line.number(), column.header(), reason));
    }

    /** An empty required cell, unless it is already reported. */
    void required(C column) {
        if (text(column).isEmpty()) {
            error(column, "is empty");
        }
    }

    /**
     * The API's bean-validation rules on what did parse, under the column's header (a column already
     * reported is not reported twice); then every problem in column order.
     */
    <T> List<RowError> validated(Validator validator, T value, Map<String, C> fieldToColumn) {
        Set<String> reported = new HashSet<>();
        errors.forEach(e -> reported.add(e.column()));
        for (ConstraintViolation<T> violation : validator.validate(value)) {
            String field = violation.getPropertyPath().iterator().next().getName();
            C column = fieldToColumn.get(field);
            String header = column == null ? field : column.header();
            if (reported.add(header)) {
                errors.add(new RowError(line.number(), header, violation.getMessage()));
            }
        }
        errors.sort(Comparator.comparingInt(e -> order(e.column())));
        return List.copyOf(errors);
    }

    private int order(String header) {
        for (C c : layout.type().getEnumConstants()) {
            if (c.header().equals(header)) {
                return c.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    static List<String> list(String text) {
        return Arrays.stream(text.split("[;；,，、\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static Category category(String name) {
        Category c = CATEGORIES.getOrDefault(name.strip(), CATEGORIES.get(name.strip().toUpperCase(Locale.ROOT)));
        if (c == null) {
            throw new IllegalArgumentException("\"" + name + "\" is not a known category (e.g. 送餐, 代购药品, 维修, 陪诊)");
        }
        return c;
    }

    static List<Category> categories(String text) {
        return List.copyOf(new LinkedHashSet<>(list(text).stream().map(Cells::category).toList()));
    }

    static double number(String text) {
        try {
            return new BigDecimal(text.strip()).doubleValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a number");
        }
    }

    static int whole(String text) {
        return (int) Math.round(number(text));
    }

    static Boolean yesNo(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "是", "在岗", "y", "yes", "true", "1" -> true;
            case "否", "离岗", "n", "no", "false", "0" -> false;
            default -> throw new IllegalArgumentException("\"" + text + "\" is not 是 or 否");
        };
    }

    static LocalDate date(String text) {
        String t = text.strip().replace('/', '-').replace('.', '-');
        if (t.matches("\\d{5}")) {
            // a date cell Excel stored as its serial number (days since 1899-12-30)
            return LocalDate.of(1899, 12, 30).plusDays(Long.parseLong(t));
        }
        try {
            String[] p = t.split("-");
            if (p.length == 3) {
                return LocalDate.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
            }
            return LocalDate.parse(t);
        } catch (NumberFormatException | DateTimeException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a date YYYY-MM-DD");
        }
    }
}
