package org.onecall.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A weekly window in the community's local time: a volunteer's hours or a shop's opening hours.
 * A window whose {@code to} is not after {@code from} runs past midnight into the next day
 * (a night patrol 22:00-02:00); 00:00-00:00 is the whole day.
 */
public record TimeWindow(DayOfWeek day,
                         @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm") LocalTime from,
                         @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm") LocalTime to) {

    public TimeWindow {
        if (day == null || from == null || to == null) {
            throw new IllegalArgumentException("a time window needs a day, a start and an end");
        }
    }

    public boolean contains(LocalDateTime at) {
        LocalTime t = at.toLocalTime();
        if (from.isBefore(to)) {
            return at.getDayOfWeek() == day && !t.isBefore(from) && t.isBefore(to);
        }
        // overnight (or the whole day when from == to): the evening part on day, the morning part on the day after
        return (at.getDayOfWeek() == day && !t.isBefore(from))
                || (at.getDayOfWeek() == day.plus(1) && t.isBefore(to));
    }

    /** True when no window is given (no weekly limit) or one of them contains the moment. */
    public static boolean anyContains(List<TimeWindow> windows, LocalDateTime at) {
        return windows.isEmpty() || windows.stream().anyMatch(w -> w.contains(at));
    }

    private static final Map<String, DayOfWeek> DAYS = Map.ofEntries(
            Map.entry("MON", DayOfWeek.MONDAY), Map.entry("TUE", DayOfWeek.TUESDAY),
            Map.entry("WED", DayOfWeek.WEDNESDAY), Map.entry("THU", DayOfWeek.THURSDAY),
            Map.entry("FRI", DayOfWeek.FRIDAY), Map.entry("SAT", DayOfWeek.SATURDAY),
            Map.entry("SUN", DayOfWeek.SUNDAY),
            Map.entry("一", DayOfWeek.MONDAY), Map.entry("二", DayOfWeek.TUESDAY),
            Map.entry("三", DayOfWeek.WEDNESDAY), Map.entry("四", DayOfWeek.THURSDAY),
            Map.entry("五", DayOfWeek.FRIDAY), Map.entry("六", DayOfWeek.SATURDAY),
            Map.entry("日", DayOfWeek.SUNDAY), Map.entry("天", DayOfWeek.SUNDAY), Map.entry("末", DayOfWeek.SATURDAY));

    /**
     * Parses the spreadsheet form, e.g. {@code 周一至周五 08:00-12:00；周六 14:00-18:00}, {@code 每天 09:00-17:00},
     * {@code MON-FRI 08:00-12:00, SAT 14:00-18:00}. Items are separated by ; ， , 、 or newlines;
     * blank means no weekly limit. Throws {@link IllegalArgumentException} naming the bad item.
     */
    public static List<TimeWindow> parseAll(String text) {
        List<TimeWindow> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String raw : text.split("[;；,，、\\n]")) {
            String item = raw.strip();
            if (item.isEmpty()) {
                continue;
            }
            String[] parts = item.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("\"" + item + "\" is not \"days HH:MM-HH:MM\"");
            }
            List<DayOfWeek> days = days(parts[0], item);
            String[] times = parts[1].split("[-~～—]");
            if (times.length != 2) {
                throw new IllegalArgumentException("\"" + item + "\" has no time range HH:MM-HH:MM");
            }
            LocalTime from = time(times[0], item);
            LocalTime to = time(times[1], item);
            for (DayOfWeek d : days) {
                out.add(new TimeWindow(d, from, to));
            }
        }
        return out;
    }

    /** The canonical text form, which {@link #parseAll} reads back: {@code MON 08:00-12:00,TUE 08:00-12:00}. */
    public static String formatAll(List<TimeWindow> windows) {
        return windows.stream().map(w -> w.day().name().substring(0, 3) + " " + w.from() + "-" + w.to())
                .collect(Collectors.joining(","));
    }

    private static List<DayOfWeek> days(String token, String item) {
        String t = token.toUpperCase(Locale.ROOT);
        if (t.equals("每天") || t.equals("每日") || t.equals("DAILY")) {
            return List.of(DayOfWeek.values());
        }
        if (t.equals("工作日") || t.equals("WEEKDAYS")) {
            return List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                    DayOfWeek.FRIDAY);
        }
        if (t.equals("周末") || t.equals("WEEKENDS")) {
            return List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        }
        String[] range = t.split("至|到|-|~|～");
        DayOfWeek first = day(range[0], item);
        if (range.length == 1) {
            return List.of(first);
        }
        DayOfWeek last = day(range[1], item);
        List<DayOfWeek> out = new ArrayList<>();
        for (DayOfWeek d = first; ; d = d.plus(1)) {
            out.add(d);
            if (d == last) {
                return out;
            }
        }
    }

    private static DayOfWeek day(String token, String item) {
        String t = token.replaceFirst("^(周|星期|礼拜)", "");
        DayOfWeek d = DAYS.get(t.length() > 3 ? t.substring(0, 3) : t);
        if (d == null) {
            throw new IllegalArgumentException("\"" + token + "\" in \"" + item + "\" is not a day of the week");
        }
        return d;
    }

    private static LocalTime time(String token, String item) {
        String t = token.strip().replace('：', ':');
        if (t.equals("24:00")) {
            return LocalTime.MIDNIGHT;
        }
        try {
            return LocalTime.parse(t.length() == 4 ? "0" + t : t);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + token + "\" in \"" + item + "\" is not a time HH:MM");
        }
    }
}
