package org.onecall.dispatch.volunteer;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.onecall.kit.security.MaskedPhone;
import org.onecall.events.DatePeriod;
import org.onecall.events.Location;
import org.onecall.events.TimeWindow;

/**
 * {@code skills} is a comma-separated list of category names (see {@link org.onecall.events.Category});
 * {@code languages} comma-separated; {@code availability} and {@code leavePeriods} are the canonical
 * text of {@link TimeWindow#formatAll} and {@link DatePeriod#formatAll} (empty: no weekly limit, no leave).
 * {@code active} is the status: true is ACTIVE, false SUSPENDED.
 */
@MappedEntity("volunteer")
public record Volunteer(@Id @GeneratedValue @Nullable Long id, String communityId, String name,
                        @JsonSerialize(using = MaskedPhone.class) String phone,
                        String skills, double lat, double lon, boolean onDuty, boolean active,
                        int maxConcurrentJobs, int activeJobs, Instant createdAt, Instant updatedAt,
                        VolunteerKind kind, @Nullable String grid, String languages, String availability,
                        String leavePeriods, @Nullable LocalDate joinedOn) {

    public List<String> skillList() {
        return csv(skills);
    }

    public List<String> languageList() {
        return csv(languages);
    }

    public List<TimeWindow> availabilityWindows() {
        return TimeWindow.parseAll(availability);
    }

    public List<DatePeriod> leave() {
        return DatePeriod.parseAll(leavePeriods);
    }

    /** The JSON shows it as {@code active} (true: ACTIVE); set it with PUT /api/volunteers/{id}/status. */
    public VolunteerStatus status() {
        return active ? VolunteerStatus.ACTIVE : VolunteerStatus.SUSPENDED;
    }

    public Location home() {
        return new Location(lat, lon);
    }

    /** Active, on duty and below the limit; the calendar aside (see {@link #canTakeJobAt}). */
    public boolean canTakeJob() {
        return active && onDuty && activeJobs < maxConcurrentJobs;
    }

    /** {@link #canTakeJob()}, not on leave that day and within the weekly hours, in the community's time zone. */
    public boolean canTakeJobAt(Instant at, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        return canTakeJob() && !DatePeriod.anyContains(leave(), local.toLocalDate())
                && TimeWindow.anyContains(availabilityWindows(), local);
    }

    private static List<String> csv(String s) {
        return s == null || s.isBlank() ? List.of()
                : Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }
}
