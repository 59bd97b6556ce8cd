package org.onecall.dispatch.volunteer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.onecall.events.ResourceEvents.Held;

/**
 * What the matcher weighs beside a volunteer's own row, read from their jobs: jobs accepted in the
 * last seven days (fairness), the mean rating residents gave, and the appointments they hold (a new
 * one must not overlap). Published with the volunteer's state, so the matcher needs no store of its own.
 */
@Singleton
class VolunteerRecord {

    private static final Duration WEEK = Duration.ofDays(7);

    private final JdbcOperations jdbc;
    private final Clock clock;

    VolunteerRecord(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    int jobsThisWeek(long volunteerId) {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM offer WHERE volunteer_id = ? AND status = 'ACCEPTED'"
                + " AND responded_at >= ?", ps -> {
            ps.setLong(1, volunteerId);
            ps.setTimestamp(2, Timestamp.from(clock.instant().minus(WEEK)));
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    @Nullable
    Double rating(long volunteerId) {
        return jdbc.prepareStatement("SELECT AVG(CAST(rating AS DOUBLE PRECISION)) FROM need"
                + " WHERE volunteer_id = ? AND rating IS NOT NULL", ps -> {
            ps.setLong(1, volunteerId);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                double mean = rs.getDouble(1);
                return rs.wasNull() ? null : Math.round(mean * 10) / 10.0;
            }
        });
    }

    List<Held> held(long volunteerId) {
        return jdbc.prepareStatement("SELECT id, window_start, window_end FROM need WHERE volunteer_id = ?"
                + " AND status IN ('ASSIGNED', 'ON_SITE') AND window_start IS NOT NULL ORDER BY window_start", ps -> {
            ps.setLong(1, volunteerId);
            List<Held> out = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Held(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()));
                }
            }
            return out;
        });
    }
}
