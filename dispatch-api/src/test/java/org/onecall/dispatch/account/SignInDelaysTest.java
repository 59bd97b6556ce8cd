package org.onecall.dispatch.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The wait after each wrong password from one address: none at first, then doubling, then capped. */
class SignInDelaysTest {

    @Test
    void delaysGrowByDoublingUpToTheCap() {
        SignInThrottle throttle = new SignInThrottle(null, Clock.systemUTC(), 5, Duration.ofSeconds(30),
                Duration.ofMinutes(15));
        assertEquals(java.util.List.of(30L, 60L, 120L, 240L, 480L, 900L, 900L),
                IntStream.rangeClosed(5, 11).mapToObj(f -> throttle.delayAfter(f).toSeconds()).toList());
        assertEquals(900L, throttle.delayAfter(Integer.MAX_VALUE).toSeconds(), "no overflow");
    }
}
