package org.onecall.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;

/** Hours, leave and status of resources, as the matcher and dispatch-api both judge them. */
class ResourceAvailabilityTest {

    /** Monday 2026-11-23 10:00 in Beijing is 02:00 UTC. */
    private static final Instant MONDAY_10_BEIJING = Instant.parse("2026-11-23T02:00:00Z");

    @Test
    void chineseAndEnglishWeeklyHoursParseToTheSameWindows() {
        List<TimeWindow> zh = TimeWindow.parseAll("周一至周三 08:00-12:00；周六 22:00-02:00");
        List<TimeWindow> en = TimeWindow.parseAll("MON-WED 08:00-12:00, SAT 22:00-02:00");
        assertEquals(zh, en);
        assertEquals(4, zh.size());
        assertEquals(new TimeWindow(DayOfWeek.SATURDAY, LocalTime.of(22, 0), LocalTime.of(2, 0)), zh.get(3));
        assertEquals(zh, TimeWindow.parseAll(TimeWindow.formatAll(zh)), "the canonical form reads back");
        assertEquals(7, TimeWindow.parseAll("每天 9:00-17:00").size());
        assertEquals(List.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY),
                TimeWindow.parseAll("星期五-星期一 08:00-09:00").stream().map(TimeWindow::day).toList(),
                "a day range may wrap over the weekend");
    }

    @Test
    void badHoursNameTheItem() {
        var e = assertThrows(IllegalArgumentException.class, () -> TimeWindow.parseAll("周一 08:00-12:00；周八 09:00-10:00"));
        assertTrue(e.getMessage().contains("周八"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimeWindow.parseAll("周一 8点到12点"));
        assertThrows(IllegalArgumentException.class, () -> TimeWindow.parseAll("周一 25:00-26:00"));
    }

    @Test
    void anOvernightWindowReachesIntoTheNextMorning() {
        TimeWindow w = new TimeWindow(DayOfWeek.SATURDAY, LocalTime.of(22, 0), LocalTime.of(2, 0));
        assertTrue(w.contains(LocalDate.of(2026, 11, 28).atTime(23, 0)));
        assertTrue(w.contains(LocalDate.of(2026, 11, 29).atTime(1, 59)));
        assertFalse(w.contains(LocalDate.of(2026, 11, 29).atTime(2, 0)));
        assertFalse(w.contains(LocalDate.of(2026, 11, 28).atTime(21, 59)));
    }

    @Test
    void leaveIncludesBothEnds() {
        List<DatePeriod> leave = DatePeriod.parseAll("2026-12-01~2026-12-07；2027-01-20");
        assertTrue(DatePeriod.anyContains(leave, LocalDate.of(2026, 12, 7)));
        assertFalse(DatePeriod.anyContains(leave, LocalDate.of(2026, 12, 8)));
        assertTrue(DatePeriod.anyContains(leave, LocalDate.of(2027, 1, 20)));
        assertThrows(IllegalArgumentException.class, () -> DatePeriod.parseAll("2026-12-07~2026-12-01"));
        assertThrows(IllegalArgumentException.class, () -> DatePeriod.parseAll("下周"));
    }

    @Test
    void aVolunteerIsOfferedJobsOnlyWhenActiveOnDutyNotOnLeaveWithinHoursAndBelowTheLimit() {
        List<TimeWindow> mornings = TimeWindow.parseAll("周一 08:00-12:00");
        assertEquals(Optional.empty(), volunteer(ResourceEvents.ACTIVE, true, mornings, List.of(), 0)
                .unavailableAt(MONDAY_10_BEIJING));
        assertEquals(Optional.of("outside their hours"), volunteer(ResourceEvents.ACTIVE, true, mornings, List.of(), 0)
                .unavailableAt(MONDAY_10_BEIJING.plusSeconds(3 * 3600)), "13:00 in Beijing");
        assertEquals(Optional.of("on leave"), volunteer(ResourceEvents.ACTIVE, true, mornings,
                DatePeriod.parseAll("2026-11-23"), 0).unavailableAt(MONDAY_10_BEIJING));
        assertEquals(Optional.of("suspended"), volunteer(ResourceEvents.SUSPENDED, true, mornings, List.of(), 0)
                .unavailableAt(MONDAY_10_BEIJING));
        assertEquals(Optional.of("off duty"), volunteer(ResourceEvents.ACTIVE, false, List.of(), List.of(), 0)
                .unavailableAt(MONDAY_10_BEIJING));
        assertEquals(Optional.of("at their limit"), volunteer(ResourceEvents.ACTIVE, true, List.of(), List.of(), 2)
                .unavailableAt(MONDAY_10_BEIJING));
        assertFalse(volunteer(ResourceEvents.SUSPENDED, true, List.of(), List.of(), 0).active(),
                "older consumers read active=false for a suspended volunteer");
    }

    @Test
    void aSchemaVersionOneRecordReadsAsActiveWithoutLimits() {
        String old = "{\"eventId\":\"5a1e0000-0000-0000-0000-000000000099\",\"type\":\"VolunteerStateChanged\","
                + "\"schemaVersion\":1,\"occurredAt\":\"2026-11-23T09:00:00Z\",\"communityId\":\"c\","
                + "\"aggregateId\":\"volunteer-1\",\"payload\":{\"volunteerId\":1,\"communityId\":\"c\","
                + "\"displayName\":\"李*\",\"skills\":[\"MEALS\"],\"home\":{\"lat\":39.7,\"lon\":116.3},"
                + "\"onDuty\":true,\"active\":true,\"maxConcurrentJobs\":2,\"activeJobs\":0}}";
        VolunteerStateChanged v = (VolunteerStateChanged) EventJson.read(old).typedPayload();
        assertEquals(new VolunteerStateChanged(1, "c", "李*", List.of("MEALS"), new Location(39.7, 116.3), true, true,
                2, 0), v);
        assertEquals(ResourceEvents.ACTIVE, v.status());
        assertEquals("Asia/Shanghai", v.timeZone());
        assertTrue(v.availableAt(MONDAY_10_BEIJING));
    }

    @Test
    void aMerchantsDailyCountHoldsForItsOwnDayOnly() {
        var m = new MerchantStateChanged(1, "c", "药房", List.of("MEDICINE"), null, true, 3, "MERCHANT", List.of(),
                "DELIVERY", "Asia/Shanghai", 2, LocalDate.parse("2026-11-23"));
        assertEquals(2, m.jobsOn(MONDAY_10_BEIJING));
        assertFalse(m.fullAt(MONDAY_10_BEIJING, 0));
        assertTrue(m.fullAt(MONDAY_10_BEIJING, 1), "one more open proposal takes the last job");
        // 00:30 on Tuesday in Beijing is still Monday in UTC: the merchant's day has turned
        assertEquals(0, m.jobsOn(Instant.parse("2026-11-23T16:30:00Z")));
        assertFalse(m.fullAt(Instant.parse("2026-11-23T16:30:00Z"), 1));
        var unlimited = new MerchantStateChanged(1, "c", "药房", List.of("MEDICINE"), null, true, 0, "MERCHANT",
                List.of(), "DELIVERY", "Asia/Shanghai", 500, LocalDate.parse("2026-11-23"));
        assertFalse(unlimited.fullAt(MONDAY_10_BEIJING, 10), "capacity 0: no daily limit");
        assertEquals(0, new MerchantStateChanged(1, "c", "药房", List.of(), null, true, 10).jobsOn(MONDAY_10_BEIJING),
                "a record from before the count counts nothing");
    }

    @Test
    void aMerchantIsOpenBySwitchAndByHours() {
        var hours = TimeWindow.parseAll("周一至周五 09:00-18:00");
        var m = new MerchantStateChanged(1, "c", "药房", List.of("MEDICINE"), null, true, 10, "MERCHANT", hours,
                "DELIVERY", null);
        assertTrue(m.openAt(MONDAY_10_BEIJING));
        assertFalse(m.openAt(MONDAY_10_BEIJING.plusSeconds(9 * 3600)), "19:00 in Beijing");
        assertFalse(new MerchantStateChanged(1, "c", "药房", List.of("MEDICINE"), null, false, 10, "MERCHANT", hours,
                "DELIVERY", null).openAt(MONDAY_10_BEIJING));
        assertTrue(new MerchantStateChanged(1, "c", "药房", List.of(), null, true, 10).openAt(MONDAY_10_BEIJING));
    }

    private static VolunteerStateChanged volunteer(String status, boolean onDuty, List<TimeWindow> hours,
                                                   List<DatePeriod> leave, int activeJobs) {
        return new VolunteerStateChanged(1, "c", "李*", List.of("MEALS"), new Location(39.7, 116.3), onDuty, true, 2,
                activeJobs, status, hours, leave, List.of(), null);
    }
}
