package org.onecall.dispatch;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The application's clock as a {@link DispatchTestHttp.MovableClock} for test classes that set
 * {@code onecall.test.movable-clock: true}: they inject {@link Clock}, cast it and move time instead of
 * sleeping. A bean of its own rather than a {@code @MockBean} of the test class, because the clock is
 * wanted while the context starts (scheduled jobs), before a test instance can be made.
 */
@Factory
@Requires(property = "onecall.test.movable-clock", value = "true")
class TestClock {

    @Singleton
    @Replaces(Clock.class)
    Clock movable() {
        return new DispatchTestHttp.MovableClock();
    }
}
