package org.onecall.kit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * UTC truncated to microseconds, what both databases store, so a saved time reads back equal.
 * Not {@code Clock.tick(.., 1 µs)}: on JDK 17 its {@code millis()} divides by zero.
 */
final class MicrosecondClock extends Clock {

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.system(zone);
    }

    @Override
    public Instant instant() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }
}
