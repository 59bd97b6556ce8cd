package org.onecall.kit;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Beans every service needs exactly once; in standalone the three services share them. */
@Factory
class KitFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
