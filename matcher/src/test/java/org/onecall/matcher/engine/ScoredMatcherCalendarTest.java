package org.onecall.matcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.onecall.events.DatePeriod;
import org.onecall.events.Location;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.ResourceEvents;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;
import org.onecall.events.TimeWindow;
import org.onecall.matcher.engine.MatchingStrategy.Nobody;
import org.onecall.matcher.engine.MatchingStrategy.Proposal;
import org.onecall.matcher.index.ResourceIndex;

/** Hours, leave and status decide who may be proposed at the moment of matching. */
class ScoredMatcherCalendarTest {

    private static final String COMMUNITY = "c-calendar";
    private static final Location NEED = new Location(39.7275, 116.3405);
    /** Monday 2026-11-23, 10:00 in Beijing. */
    private static final Clock MONDAY_10 = Clock.fixed(Instant.parse("2026-11-23T02:00:00Z"), ZoneOffset.UTC);

    private final ResourceIndex index = new ResourceIndex();
    private final ScoredMatcher strategy = new ScoredMatcher(3000, MONDAY_10);

    @Test
    void theNearestVolunteerOnLeaveOutsideTheirHoursOrSuspendedIsPassedOver() {
        index.put(volunteer(1, 50, ResourceEvents.ACTIVE, "周一至周五 08:00-12:00", "2026-11-20~2026-11-24"));
        index.put(volunteer(2, 100, ResourceEvents.ACTIVE, "周一 14:00-18:00", ""));
        index.put(volunteer(3, 150, ResourceEvents.SUSPENDED, "", ""));
        index.put(volunteer(4, 900, ResourceEvents.ACTIVE, "周一 08:00-12:00；周三 08:00-12:00", "2026-12-01~2026-12-07"));

        Proposal p = assertInstanceOf(Proposal.class, decide());

        assertEquals(4, p.volunteerId());
        assertTrue(p.rationale().contains("1 free"), p.rationale());
    }

    @Test
    void whenNobodyIsFreeTheReasonCountsEachCause() {
        index.put(volunteer(1, 50, ResourceEvents.ACTIVE, "", "2026-11-23"));
        index.put(volunteer(2, 100, ResourceEvents.ACTIVE, "周二 08:00-12:00", ""));
        index.put(volunteer(3, 150, ResourceEvents.SUSPENDED, "", ""));
        index.put(volunteer(5, 150, ResourceEvents.SUSPENDED, "", ""));

        Nobody nobody = assertInstanceOf(Nobody.class, decide());

        assertTrue(nobody.reason().contains("1 on leave, 1 outside their hours, 2 suspended"), nobody.reason());
    }

    @Test
    void aMerchantOutsideItsOpeningHoursIsNotNamed() {
        index.put(volunteer(1, 50, ResourceEvents.ACTIVE, "", ""));
        index.put(merchant(10, "周一 14:00-20:00"));
        assertNull(assertInstanceOf(Proposal.class, decide()).merchantId(), "opens at 14:00");
        index.put(merchant(11, "每天 07:00-22:00"));
        assertEquals(11L, assertInstanceOf(Proposal.class, decide()).merchantId());
    }

    private MatchingStrategy.Decision decide() {
        return strategy.decide(COMMUNITY, new MatchingStarted(7, 1, "MEDICINE", "NORMAL", NEED, List.of()), index);
    }

    private static VolunteerStateChanged volunteer(long id, double metresNorth, String status, String hours,
                                                   String leave) {
        return new VolunteerStateChanged(id, COMMUNITY, "志愿者" + id, List.of("MEDICINE"), north(metresNorth), true,
                true, 2, 0, status, TimeWindow.parseAll(hours), DatePeriod.parseAll(leave), List.of(), null);
    }

    private static MerchantStateChanged merchant(long id, String hours) {
        return new MerchantStateChanged(id, COMMUNITY, "药房" + id, List.of("MEDICINE"), north(300), true, 20,
                "MERCHANT", TimeWindow.parseAll(hours), "DELIVERY", null);
    }

    private static Location north(double metres) {
        return new Location(NEED.lat() + metres / 111_195d, NEED.lon());
    }
}
