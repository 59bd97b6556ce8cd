package org.onecall.matcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.onecall.events.Location;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;
import org.onecall.matcher.engine.MatchingStrategy.Proposal;
import org.onecall.matcher.index.ResourceIndex;

/** A merchant that took its daily capacity (in its own time zone's day) is not proposed again until the next day. */
class MerchantCapacityTest {

    private static final String COMMUNITY = "c-capacity";
    private static final Location NEED = new Location(39.7275, 116.3405);
    /** Monday 2026-11-23, 23:30 in Beijing (15:30 UTC). */
    private static final Instant MONDAY_LATE = Instant.parse("2026-11-23T15:30:00Z");
    private static final LocalDate MONDAY = LocalDate.parse("2026-11-23");

    private final ResourceIndex index = new ResourceIndex();

    @Test
    void aFullMerchantIsPassedOverTodayAndProposedAgainTomorrow() {
        index.put(new VolunteerStateChanged(1, COMMUNITY, "志*", List.of("MEDICINE"), NEED, true, true, 10, 0));
        index.put(merchant(10, 100, 2, 2, MONDAY));                // full today
        index.put(merchant(11, 300, 2, 2, MONDAY.minusDays(1)));   // full yesterday: a new day, a new count
        index.put(merchant(12, 500, 0, 999, MONDAY));               // capacity 0: no daily limit

        assertEquals(11L, merchantAt(MONDAY_LATE, 1));
        // 40 minutes later it is Tuesday in Beijing (still Monday in UTC): the first one has room again
        assertEquals(10L, merchantAt(MONDAY_LATE.plusSeconds(40 * 60), 2));
    }

    @Test
    void proposalsNotYetMadeIntoOffersTakeCapacityUntilTheCountArrives() {
        index.put(new VolunteerStateChanged(1, COMMUNITY, "志*", List.of("MEDICINE"), NEED, true, true, 10, 0));
        index.put(merchant(10, 100, 2, 1, MONDAY));   // one job left today
        index.put(merchant(11, 300, 2, 0, null));

        assertEquals(10L, merchantAt(MONDAY_LATE, 1));
        index.proposed(1, 1, 10L);
        assertEquals(11L, merchantAt(MONDAY_LATE, 2), "the last job is held by the proposal for need 1");
        assertEquals(10L, merchantAt(MONDAY_LATE, 1), "a new round of need 1 may name it again");

        // dispatch-api made the offer and counted it: the count, not the proposal, now says full
        index.offered(1);
        index.put(merchant(10, 100, 2, 2, MONDAY));
        assertEquals(11L, merchantAt(MONDAY_LATE, 2));
        // the offer was declined and dispatch-api gave the job back
        index.put(merchant(10, 100, 2, 1, MONDAY));
        assertEquals(10L, merchantAt(MONDAY_LATE, 2));
    }

    private Long merchantAt(Instant at, long needId) {
        var strategy = new ScoredMatcher(3000, Clock.fixed(at, ZoneOffset.UTC));
        Proposal p = assertInstanceOf(Proposal.class, strategy.decide(COMMUNITY,
                new MatchingStarted(needId, 1, "MEDICINE", "NORMAL", NEED, List.of()), index));
        return p.merchantId();
    }

    static MerchantStateChanged merchant(long id, double metresNorth, int capacity, int counted, LocalDate on) {
        return new MerchantStateChanged(id, COMMUNITY, "药房" + id, List.of("MEDICINE"),
                new Location(NEED.lat() + metresNorth / 111_195d, NEED.lon()), true, capacity, "MERCHANT", List.of(),
                "DELIVERY", "Asia/Shanghai", counted, on);
    }
}
