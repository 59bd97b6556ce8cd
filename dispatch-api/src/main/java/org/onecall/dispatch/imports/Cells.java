package org.onecall.dispatch.imports;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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
import org.onecall.events.DatePeriod;
import org.onecall.events.TimeWindow;

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
        } catch (Reason.Bad e) {
            error(column, e.reason());
        } catch (IllegalArgumentException e) {
            // a parser that does not say why in a code: its own words, in English
            error(column, Reason.of(ReasonCode.INVALID, "detail", String.valueOf(e.getMessage())));
        }
        return blank;
    }

    void error(C column, Reason why) {
        errors.add(RowError.of(line.number(), column.header(), why));
    }

    void error(C column, ReasonCode code, Object... namesAndValues) {
        error(column, Reason.of(code, namesAndValues));
    }

    /** An empty required cell, unless it is already reported. */
    void required(C column) {
        if (text(column).isEmpty()) {
            error(column, ReasonCode.EMPTY);
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
                errors.add(RowError.of(line.number(), header, reason(field, violation)));
            }
        }
        errors.sort(Comparator.comparingInt(e -> order(e.column())));
        return List.copyOf(errors);
    }

    /** A rule of the API's records by its annotation, so it can be said in either language. */
    static Reason reason(String field, ConstraintViolation<?> violation) {
        Annotation rule = violation.getConstraintDescriptor().getAnnotation();
        if (rule instanceof NotBlank || rule instanceof NotNull || rule instanceof NotEmpty) {
            return Reason.of(ReasonCode.EMPTY);
        }
        if (rule instanceof Size size) {
            return Reason.of(violation.getInvalidValue() instanceof Collection<?> ? ReasonCode.TOO_MANY
                    : ReasonCode.TOO_LONG, "max", size.max());
        }
        if (rule instanceof Min min) {
            return Reason.of(ReasonCode.TOO_SMALL, "min", min.value());
        }
        if (rule instanceof DecimalMin min) {
            return Reason.of(ReasonCode.TOO_SMALL, "min", min.value());
        }
        if (rule instanceof Max max) {
            return Reason.of(ReasonCode.TOO_LARGE, "max", max.value());
        }
        if (rule instanceof DecimalMax max) {
            return Reason.of(ReasonCode.TOO_LARGE, "max", max.value());
        }
        if (rule instanceof PastOrPresent) {
            return Reason.of(ReasonCode.IN_FUTURE);
        }
        if (rule instanceof Pattern && field.equals("phone")) {
            return Reason.of(ReasonCode.NOT_A_PHONE);
        }
        return Reason.of(ReasonCode.INVALID, "detail", violation.getMessage());
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
            throw new Reason.Bad(ReasonCode.UNKNOWN_CATEGORY, "value", name);
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
            throw new Reason.Bad(ReasonCode.NOT_A_NUMBER, "value", text);
        }
    }

    static int whole(String text) {
        return (int) Math.round(number(text));
    }

    static Boolean yesNo(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "是", "在岗", "y", "yes", "true", "1" -> true;
            case "否", "离岗", "n", "no", "false", "0" -> false;
            default -> throw new Reason.Bad(ReasonCode.NOT_YES_NO, "value", text);
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
            throw new Reason.Bad(ReasonCode.NOT_A_DATE, "value", text);
        }
    }

    /**
     * Weekly hours as {@link TimeWindow#parseAll} reads them, item by item, so the item it cannot
     * read is the one named.
     */
    static List<TimeWindow> hours(String text) {
        List<TimeWindow> out = new ArrayList<>();
        for (String item : items(text)) {
            try {
                out.addAll(TimeWindow.parseAll(item));
            } catch (IllegalArgumentException e) {
                throw new Reason.Bad(ReasonCode.NOT_WEEKLY_HOURS, "value", item);
            }
        }
        return out;
    }

    /** Periods of leave as {@link DatePeriod#parseAll} reads them, item by item. */
    static List<DatePeriod> periods(String text) {
        List<DatePeriod> out = new ArrayList<>();
        for (String item : items(text)) {
            try {
                out.addAll(DatePeriod.parseAll(item));
            } catch (IllegalArgumentException e) {
                throw new Reason.Bad(backwards(item) ? ReasonCode.PERIOD_ENDS_BEFORE_START : ReasonCode.NOT_A_PERIOD,
                        "value", item);
            }
        }
        return out;
    }

    /** The separators both parsers split items on. */
    private static List<String> items(String text) {
        return Arrays.stream(text.split("[;；,，、\\n]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Two days that read, the second before the first (DatePeriod refuses that in English only). */
    private static boolean backwards(String item) {
        String[] ends = item.split("\\s*(~|～|/|至|到)\\s*");
        try {
            return ends.length == 2 && LocalDate.parse(ends[1].strip()).isBefore(LocalDate.parse(ends[0].strip()));
        } catch (DateTimeException e) {
            return false;
        }
    }
}
