package org.onecall.standalone;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The product's clock, movable, for standalone tests that set {@code onecall.test.movable-clock: true}: they
 * move time (a promise passes, a rung's timer runs out) instead of waiting for it. It keeps ticking (retries
 * and timeouts still come due), ahead of the real time by what the test moved it.
 */
final class MovableClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;

    void advance(Duration by) {
        ahead = ahead.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Factory
    @Requires(property = "onecall.test.movable-clock", value = "true")
    static class Beans {
        @Singleton
        @Replaces(Clock.class)
        Clock movable() {
            return new MovableClock();
        }
    }
}
