package org.onecall.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private final QuietHours quiet = new QuietHours("22:00-07:00", "Asia/Shanghai");

    @Test
    void nightInShanghaiWaitsUntilSevenInTheMorning() {
        // 23:30 in Beijing is 15:30 UTC
        assertEquals(Optional.of(Instant.parse("2026-12-06T23:00:00Z")), quiet.until(Instant.parse("2026-12-06T15:30:00Z")));
        // 06:59 Beijing, after midnight: the same morning's 07:00
        assertEquals(Optional.of(Instant.parse("2026-12-06T23:00:00Z")), quiet.until(Instant.parse("2026-12-06T22:59:00Z")));
    }

    @Test
    void daytimeIsNotQuietAndAnEmptySettingTurnsItOff() {
        assertTrue(quiet.until(Instant.parse("2026-12-06T04:00:00Z")).isEmpty()); // 12:00 Beijing
        assertTrue(quiet.until(Instant.parse("2026-12-06T23:00:00Z")).isEmpty()); // 07:00 Beijing sharp
        assertTrue(new QuietHours("", "Asia/Shanghai").until(Instant.parse("2026-12-06T15:30:00Z")).isEmpty());
    }
}
