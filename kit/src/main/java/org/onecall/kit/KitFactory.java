package org.onecall.kit;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Beans every service needs exactly once; in standalone the three services share them. */
@Factory
class KitFactory {

    /** Microsecond ticks: what both databases store, so a saved time reads back equal. */
    @Singleton
    Clock clock() {
        return new MicrosecondClock();
    }
}
