package org.onecall.dispatch.rates;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.onecall.kit.Refusal;

/**
 * A reporting period: whole days {@code from} to {@code to}, both included, in the communities' time
 * zone, as people say "1 to 30 November". Unset: the last 30 days up to today.
 */
public record Period(LocalDate from, LocalDate to, Instant start, Instant end) {

    static final int MAX_DAYS = 3700;

    public static Period parse(@Nullable String from, @Nullable String to, ZoneId zone, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate end = to == null || to.isBlank() ? today : date("to", to);
        LocalDate start = from == null || from.isBlank() ? end.minusDays(29) : date("from", from);
        if (start.isAfter(end)) {
            throw Refusal.invalid("from", "must not be after to (" + end + ")");
        }
        if (start.plusDays(MAX_DAYS).isBefore(end)) {
            throw Refusal.invalid("from", "the period may span at most " + MAX_DAYS + " days");
        }
        return new Period(start, end, start.atStartOfDay(zone).toInstant(), end.plusDays(1).atStartOfDay(zone).toInstant());
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw Refusal.invalid(field, "must be a date like 2026-11-30");
        }
    }
}
