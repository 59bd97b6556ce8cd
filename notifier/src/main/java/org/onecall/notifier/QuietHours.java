package org.onecall.notifier;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * No SMS at night (22:00–07:00 in the communities' zone by default, {@code NOTIFIER_QUIET_HOURS}):
 * a text that is not urgent waits until the quiet hours end. An empty setting turns them off.
 */
@Singleton
class QuietHours {

    private final LocalTime start;
    private final LocalTime end;
    private final ZoneId zone;
    private final boolean on;

    QuietHours(@Value("${onecall.notifier.sms.quiet-hours:`22:00-07:00`}") String hours,
               @Value("${onecall.notifier.time-zone:Asia/Shanghai}") String zone) {
        this.zone = ZoneId.of(zone);
        this.on = !hours.isBlank();
        String[] parts = on ? hours.split("-") : new String[] {"00:00", "00:00"};
        if (parts.length != 2) {
            throw new IllegalArgumentException("onecall.notifier.sms.quiet-hours must look like 22:00-07:00, not " + hours);
        }
        this.start = LocalTime.parse(parts[0].strip());
        this.end = LocalTime.parse(parts[1].strip());
    }

    /** When the quiet hours around {@code now} end, or empty when it is not quiet now. */
    Optional<Instant> until(Instant now) {
        if (!on) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        boolean quiet = start.isAfter(end) ? !t.isBefore(start) || t.isBefore(end) : !t.isBefore(start) && t.isBefore(end);
        if (!quiet) {
            return Optional.empty();
        }
        ZonedDateTime endToday = local.with(end);
        return Optional.of((endToday.isAfter(local) ? endToday : endToday.plusDays(1)).toInstant());
    }
}
