package org.onecall.dispatch.imports;

import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.onecall.dispatch.volunteer.NewVolunteer;
import org.onecall.dispatch.volunteer.VolunteerKind;
import org.onecall.dispatch.volunteer.VolunteerStatus;
import org.onecall.events.Category;
import org.onecall.events.DatePeriod;
import org.onecall.events.TimeWindow;

/**
 * Turns one spreadsheet line into a {@link NewVolunteer}, or into every reason it is not one.
 * The same bean-validation rules as the HTTP API apply, reported under the column's header.
 */
@Singleton
class VolunteerRows {

    /** Skills by their Chinese name, any part of it ("送餐/吃饭" is also "送餐" and "吃饭"), or the enum name. */
    private static final Map<String, Category> SKILLS = new HashMap<>();

    static {
        for (Category c : Category.values()) {
            SKILLS.put(c.name(), c);
            SKILLS.put(c.zh(), c);
            for (String part : c.zh().split("/")) {
                SKILLS.put(part, c);
            }
        }
        SKILLS.putAll(Map.of("买药", Category.MEDICINE, "代购", Category.ERRANDS, "代办", Category.ERRANDS,
                "家政", Category.HOME_CARE, "走访", Category.COMPANIONSHIP, "调解", Category.MEDIATION,
                "就业", Category.EMPLOYMENT, "辅导", Category.EDUCATION, "环境", Category.ENVIRONMENT_SAFETY,
                "安全隐患", Category.ENVIRONMENT_SAFETY));
    }

    private static final Map<String, String> FIELD_TO_HEADER = Map.ofEntries(
            Map.entry("name", VolunteerColumns.NAME.header()), Map.entry("phone", VolunteerColumns.PHONE.header()),
            Map.entry("skills", VolunteerColumns.SKILLS.header()), Map.entry("lat", VolunteerColumns.LAT.header()),
            Map.entry("lon", VolunteerColumns.LON.header()),
            Map.entry("maxConcurrentJobs", VolunteerColumns.MAX_JOBS.header()),
            Map.entry("grid", VolunteerColumns.GRID.header()),
            Map.entry("languages", VolunteerColumns.LANGUAGES.header()),
            Map.entry("availability", VolunteerColumns.AVAILABILITY.header()),
            Map.entry("leave", VolunteerColumns.LEAVE.header()),
            Map.entry("joinedOn", VolunteerColumns.JOINED.header()));

    private final Validator validator;

    VolunteerRows(Validator validator) {
        this.validator = validator;
    }

    /** A line that parsed, with the teams it names; or its errors. */
    record Parsed(int line, Optional<NewVolunteer> volunteer, List<String> teams, List<RowError> errors) {
    }

    Parsed parse(Sheet.Line line, VolunteerColumns.Layout layout) {
        List<RowError> errors = new ArrayList<>();
        Cells cells = new Cells(line, layout, errors);
        String name = cells.text(VolunteerColumns.NAME);
        String phone = cells.text(VolunteerColumns.PHONE);
        if (name.isEmpty()) {
            cells.error(VolunteerColumns.NAME, "is empty");
        }
        if (phone.isEmpty()) {
            cells.error(VolunteerColumns.PHONE, "is empty");
        }
        VolunteerKind kind = cells.parse(VolunteerColumns.KIND, t -> VolunteerKind.parse(t)
                .orElseThrow(() -> new IllegalArgumentException("\"" + t
                        + "\" is not one of 在职党员, 离退休党员, 邻里管家, 居民")), null);
        List<Category> skills = cells.parse(VolunteerColumns.SKILLS, VolunteerRows::skills, List.of());
        if (skills.isEmpty() && cells.text(VolunteerColumns.SKILLS).isEmpty()) {
            cells.error(VolunteerColumns.SKILLS, "is empty: name at least one skill, e.g. 代购药品、送餐");
        }
        Double lat = cells.parse(VolunteerColumns.LAT, VolunteerRows::number, null);
        Double lon = cells.parse(VolunteerColumns.LON, VolunteerRows::number, null);
        if (lat == null && cells.text(VolunteerColumns.LAT).isEmpty()) {
            cells.error(VolunteerColumns.LAT, "is empty");
        }
        if (lon == null && cells.text(VolunteerColumns.LON).isEmpty()) {
            cells.error(VolunteerColumns.LON, "is empty");
        }
        List<TimeWindow> hours = cells.parse(VolunteerColumns.AVAILABILITY, TimeWindow::parseAll, List.of());
        Integer max = cells.parse(VolunteerColumns.MAX_JOBS, t -> (int) Math.round(number(t)), 1);
        List<String> languages = cells.parse(VolunteerColumns.LANGUAGES, VolunteerRows::list, List.of());
        List<DatePeriod> leave = cells.parse(VolunteerColumns.LEAVE, DatePeriod::parseAll, List.of());
        Boolean onDuty = cells.parse(VolunteerColumns.ON_DUTY, VolunteerRows::yesNo, true);
        VolunteerStatus status = cells.parse(VolunteerColumns.STATUS, VolunteerRows::status, VolunteerStatus.ACTIVE);
        LocalDate joined = cells.parse(VolunteerColumns.JOINED, VolunteerRows::date, null);
        List<String> teams = cells.parse(VolunteerColumns.TEAMS, VolunteerRows::list, List.of());
        String grid = cells.text(VolunteerColumns.GRID);
        // the API's rules too, on what did parse; a column already reported is not reported twice
        NewVolunteer v = new NewVolunteer(name, phone, skills, lat, lon, max == null ? 1 : max, onDuty, kind,
                grid.isEmpty() ? null : grid, languages, hours, leave, status, joined);
        java.util.Set<String> reported = new java.util.HashSet<>();
        errors.forEach(e -> reported.add(e.column()));
        for (ConstraintViolation<NewVolunteer> violation : validator.validate(v)) {
            String field = violation.getPropertyPath().iterator().next().getName();
            String column = FIELD_TO_HEADER.getOrDefault(field, field);
            if (!reported.contains(column)) {
                errors.add(new RowError(line.number(), column, violation.getMessage()));
            }
        }
        errors.sort(java.util.Comparator.comparingInt(e -> VolunteerColumns.of(e.column())
                .map(Enum::ordinal).orElse(Integer.MAX_VALUE)));
        return new Parsed(line.number(), errors.isEmpty() ? Optional.of(v) : Optional.empty(), teams, errors);
    }

    private static List<Category> skills(String text) {
        List<Category> out = new ArrayList<>();
        for (String s : list(text)) {
            Category c = SKILLS.getOrDefault(s, SKILLS.get(s.toUpperCase(Locale.ROOT)));
            if (c == null) {
                throw new IllegalArgumentException("\"" + s + "\" is not a known skill (e.g. 送餐, 代购药品, 维修, 陪诊)");
            }
            out.add(c);
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    static List<String> list(String text) {
        return Arrays.stream(text.split("[;；,，、\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static double number(String text) {
        try {
            return new BigDecimal(text.strip()).doubleValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a number");
        }
    }

    private static Boolean yesNo(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "是", "在岗", "y", "yes", "true", "1" -> true;
            case "否", "离岗", "n", "no", "false", "0" -> false;
            default -> throw new IllegalArgumentException("\"" + text + "\" is not 是 or 否");
        };
    }

    private static VolunteerStatus status(String text) {
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "正常", "在册", "ACTIVE" -> VolunteerStatus.ACTIVE;
            case "暂停", "停用", "SUSPENDED" -> VolunteerStatus.SUSPENDED;
            default -> throw new IllegalArgumentException("\"" + text + "\" is not 正常 or 暂停");
        };
    }

    private static LocalDate date(String text) {
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
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a date YYYY-MM-DD");
        }
    }

    /** Reads one line's cells by column, collecting each column's parse error instead of stopping at the first. */
    private record Cells(Sheet.Line line, VolunteerColumns.Layout layout, List<RowError> errors) {

        String text(VolunteerColumns column) {
            Integer i = layout.index().get(column);
            return i == null ? "" : line.cell(i);
        }

        <T> T parse(VolunteerColumns column, java.util.function.Function<String, T> parser, T blank) {
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

        void error(VolunteerColumns column, String reason) {
            errors.add(new RowError(line.number(), column.header(), reason));
        }
    }
}
