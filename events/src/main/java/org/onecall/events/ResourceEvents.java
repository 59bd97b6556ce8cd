package org.onecall.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Latest state of a resource, published to the compacted {@link Topics#RESOURCES} topic keyed by
 * {@link #aggregateId()}: each record is the whole state, so the last one per key is enough to
 * rebuild an index.
 *
 * <p>Fields added after schema version 1 (status, hours, leave, time zone...) are optional on the
 * wire: a record written by an older producer reads as "active unless {@code active} is false,
 * no weekly limit, no leave, Asia/Shanghai", which is exactly what the older producer meant.
 */
public final class ResourceEvents {

    /** Communities on the list are in mainland China; a producer that knows better says so. */
    public static final String DEFAULT_TIME_ZONE = "Asia/Shanghai";
    public static final String ACTIVE = "ACTIVE";
    public static final String SUSPENDED = "SUSPENDED";

    /**
     * @param status       ACTIVE or SUSPENDED; {@code active} says the same for older consumers
     * @param availability weekly hours in {@code timeZone}; empty means no weekly limit
     * @param leave        days off, both ends included
     * @param kind         IN_SERVICE_MEMBER, RETIRED_MEMBER, STEWARD or RESIDENT; null from older producers
     * @param jobsThisWeek jobs accepted in the last seven days; null when not counted
     * @param rating       mean of residents' ratings of their jobs (1-5); null when none yet
     * @param held         appointments they hold, which a new appointment must not overlap
     */
    public record VolunteerStateChanged(long volunteerId, String communityId, String displayName,
                                        List<String> skills, Location home, boolean onDuty, boolean active,
                                        int maxConcurrentJobs, int activeJobs, String status,
                                        List<TimeWindow> availability, List<DatePeriod> leave,
                                        List<String> languages, String timeZone, String kind,
                                        Integer jobsThisWeek, Double rating, List<Held> held)
            implements EventPayload {
        @JsonCreator
        public VolunteerStateChanged {
            held = held == null ? List.of() : List.copyOf(held);
            skills = skills == null ? List.of() : List.copyOf(skills);
            status = status == null ? (active ? ACTIVE : SUSPENDED) : status;
            active = active && ACTIVE.equals(status);
            status = active || !ACTIVE.equals(status) ? status : SUSPENDED;
            availability = availability == null ? List.of() : List.copyOf(availability);
            leave = leave == null ? List.of() : List.copyOf(leave);
            languages = languages == null ? List.of() : List.copyOf(languages);
            timeZone = timeZone == null ? DEFAULT_TIME_ZONE : timeZone;
        }

        /** The shape before kind, load, rating and held appointments. */
        public VolunteerStateChanged(long volunteerId, String communityId, String displayName, List<String> skills,
                                     Location home, boolean onDuty, boolean active, int maxConcurrentJobs,
                                     int activeJobs, String status, List<TimeWindow> availability,
                                     List<DatePeriod> leave, List<String> languages, String timeZone) {
            this(volunteerId, communityId, displayName, skills, home, onDuty, active, maxConcurrentJobs, activeJobs,
                    status, availability, leave, languages, timeZone, null, null, null, null);
        }

        /** The schema-version-1 shape: active or not, no hours, no leave. */
        public VolunteerStateChanged(long volunteerId, String communityId, String displayName, List<String> skills,
                                     Location home, boolean onDuty, boolean active, int maxConcurrentJobs,
                                     int activeJobs) {
            this(volunteerId, communityId, displayName, skills, home, onDuty, active, maxConcurrentJobs, activeJobs,
                    null, null, null, null, null);
        }

        public String aggregateId() { return "volunteer-" + volunteerId; }

        /** Whether a new job may be offered, leaving the calendar aside. */
        public boolean available() {
            return active && onDuty && activeJobs < maxConcurrentJobs;
        }

        /**
         * Why an appointment from {@code start} to {@code end} cannot be offered (one short word for
         * counting), or empty when it can. Judged over the window, not now: not suspended, no leave on
         * any day the window touches, the weekly hours cover the whole window, and no held appointment
         * overlaps it. Neither the duty switch nor today's load count: they are about now, and the
         * volunteer has until the window to finish what they hold.
         */
        public Optional<String> unavailableOver(Instant start, Instant end) {
            if (!active) {
                return Optional.of("suspended");
            }
            ZoneId zone = ZoneId.of(timeZone);
            LocalDateTime from = LocalDateTime.ofInstant(start, zone);
            LocalDateTime to = LocalDateTime.ofInstant(end.minusSeconds(1), zone);
            for (LocalDate d = from.toLocalDate(); !d.isAfter(to.toLocalDate()); d = d.plusDays(1)) {
                if (DatePeriod.anyContains(leave, d)) {
                    return Optional.of("on leave");
                }
            }
            // the hours must hold at every quarter hour of the window and at its last second
            for (LocalDateTime t = from; t.isBefore(to); t = t.plusMinutes(15)) {
                if (!TimeWindow.anyContains(availability, t)) {
                    return Optional.of("outside their hours");
                }
            }
            if (!TimeWindow.anyContains(availability, to)) {
                return Optional.of("outside their hours");
            }
            if (held.stream().anyMatch(h -> h.start().isBefore(end) && start.isBefore(h.end()))) {
                return Optional.of("another job at that time");
            }
            return Optional.empty();
        }

        /** {@link #unavailableOver} for an appointment, {@link #unavailableAt} at {@code now} otherwise. */
        public Optional<String> unavailableFor(Instant windowStart, Instant windowEnd, Instant now) {
            return windowStart != null && windowEnd != null ? unavailableOver(windowStart, windowEnd)
                    : unavailableAt(now);
        }

        /** Whether a new job may be offered at {@code at}: {@link #available()}, not on leave, within the hours. */
        public boolean availableAt(Instant at) {
            return unavailableAt(at).isEmpty();
        }

        /** Why no job may be offered at {@code at} (one short word for counting), or empty when one may. */
        public Optional<String> unavailableAt(Instant at) {
            if (!active) {
                return Optional.of("suspended");
            }
            if (!onDuty) {
                return Optional.of("off duty");
            }
            // most volunteers have neither: the matcher asks this of hundreds per need, so skip the clock
            if (!leave.isEmpty() || !availability.isEmpty()) {
                LocalDateTime local = LocalDateTime.ofInstant(at, ZoneId.of(timeZone));
                if (DatePeriod.anyContains(leave, local.toLocalDate())) {
                    return Optional.of("on leave");
                }
                if (!TimeWindow.anyContains(availability, local)) {
                    return Optional.of("outside their hours");
                }
            }
            if (activeJobs >= maxConcurrentJobs) {
                return Optional.of("at their limit");
            }
            return Optional.empty();
        }
    }

    /** An appointment a volunteer holds (accepted, not yet done): another may not overlap it. */
    public record Held(long needId, Instant start, Instant end) {
    }

    /**
     * @param kind         MERCHANT or PARTNER_UNIT (共建单位)
     * @param open         the shop's own switch (closed for the holiday, out of stock...)
     * @param dailyCapacity jobs it takes a day; 0 means no daily limit is counted
     * @param openingHours weekly hours in {@code timeZone}; empty means no weekly limit
     * @param fulfilment   DELIVERY, PICKUP or BOTH
     * @param jobsCounted  jobs sent to it on {@code countedOn} (a day in {@code timeZone}); a count of
     *                     an earlier day is no count today, so the count starts again each day by itself
     */
    public record MerchantStateChanged(long merchantId, String communityId, String name, List<String> categories,
                                       Location location, boolean open, int dailyCapacity, String kind,
                                       List<TimeWindow> openingHours, String fulfilment, String timeZone,
                                       int jobsCounted, LocalDate countedOn)
            implements EventPayload {
        @JsonCreator
        public MerchantStateChanged {
            categories = categories == null ? List.of() : List.copyOf(categories);
            kind = kind == null ? "MERCHANT" : kind;
            openingHours = openingHours == null ? List.of() : List.copyOf(openingHours);
            fulfilment = fulfilment == null ? "BOTH" : fulfilment;
            timeZone = timeZone == null ? DEFAULT_TIME_ZONE : timeZone;
            jobsCounted = countedOn == null ? 0 : jobsCounted;
        }

        /** The shape before the daily count: nothing counted yet. */
        public MerchantStateChanged(long merchantId, String communityId, String name, List<String> categories,
                                    Location location, boolean open, int dailyCapacity, String kind,
                                    List<TimeWindow> openingHours, String fulfilment, String timeZone) {
            this(merchantId, communityId, name, categories, location, open, dailyCapacity, kind, openingHours,
                    fulfilment, timeZone, 0, null);
        }

        /** The schema-version-1 shape: open or not, no hours. */
        public MerchantStateChanged(long merchantId, String communityId, String name, List<String> categories,
                                    Location location, boolean open, int dailyCapacity) {
            this(merchantId, communityId, name, categories, location, open, dailyCapacity, null, null, null, null);
        }

        public String aggregateId() { return "merchant-" + merchantId; }

        /** Open by its own switch and within its opening hours at {@code at}. */
        public boolean openAt(Instant at) {
            return open && TimeWindow.anyContains(openingHours, LocalDateTime.ofInstant(at, ZoneId.of(timeZone)));
        }

        /** Jobs counted on the day of {@code at} in the merchant's time zone. */
        public int jobsOn(Instant at) {
            return LocalDate.ofInstant(at, ZoneId.of(timeZone)).equals(countedOn) ? jobsCounted : 0;
        }

        /** Whether {@code more} further jobs on the day of {@code at} would reach past the daily capacity. */
        public boolean fullAt(Instant at, long more) {
            return dailyCapacity > 0 && jobsOn(at) + more >= dailyCapacity;
        }
    }

    private ResourceEvents() {
    }
}
