package org.onecall.events;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Days in the community's calendar, both ends included: a volunteer's leave (请假), travel, illness. */
public record DatePeriod(LocalDate from, LocalDate to) {

    public DatePeriod {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a period needs a first and a last day");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a period cannot end (" + to + ") before it starts (" + from + ")");
        }
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    public static boolean anyContains(List<DatePeriod> periods, LocalDate day) {
        return periods.stream().anyMatch(p -> p.contains(day));
    }

    /** {@code 2026-12-01~2026-12-07；2027-01-20~2027-01-22} (also "/" or "至" between the days); a single day is one day. */
    public static List<DatePeriod> parseAll(String text) {
        List<DatePeriod> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String raw : text.split("[;；,，、\\n]")) {
            String item = raw.strip();
            if (item.isEmpty()) {
                continue;
            }
            String[] ends = item.split("\\s*(~|～|/|至|到)\\s*");
            try {
                LocalDate from = LocalDate.parse(ends[0].strip());
                LocalDate to = ends.length > 1 ? LocalDate.parse(ends[1].strip()) : from;
                if (ends.length > 2) {
                    throw new IllegalArgumentException("\"" + item + "\" is not \"YYYY-MM-DD~YYYY-MM-DD\"");
                }
                out.add(new DatePeriod(from, to));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("\"" + item + "\" is not \"YYYY-MM-DD~YYYY-MM-DD\"");
            }
        }
        return out;
    }

    public static String formatAll(List<DatePeriod> periods) {
        return periods.stream().map(p -> p.from() + "~" + p.to()).collect(Collectors.joining(","));
    }
}
