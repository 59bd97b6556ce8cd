package org.onecall.dispatch;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The service's clock, set by the test: scheduled work (pairing visits) is driven by moving time, never
 * by waiting. Only in a test context with {@code onecall.test.settable-clock=true}.
 */
public final class SettableClock extends Clock {

    private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    public void set(Instant at) {
        now = at.truncatedTo(ChronoUnit.MICROS);
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Factory
    @Requires(property = "onecall.test.settable-clock", value = "true")
    static class Beans {
        @Singleton
        @Replaces(Clock.class)
        SettableClock clock() {
            return new SettableClock();
        }
    }
}
