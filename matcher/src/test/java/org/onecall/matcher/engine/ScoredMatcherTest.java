package org.onecall.matcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onecall.events.DatePeriod;
import org.onecall.events.Location;
import org.onecall.events.MatchEvents.ScoreCodes;
import org.onecall.events.MatchEvents.ScorePart;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;
import org.onecall.events.TimeWindow;
import org.onecall.matcher.engine.MatchingStrategy.Decision;
import org.onecall.matcher.engine.MatchingStrategy.Nobody;
import org.onecall.matcher.engine.MatchingStrategy.Proposal;
import org.onecall.matcher.index.ResourceIndex;

/** The rules of issue 13, each on its own, without Kafka. */
class ScoredMatcherTest {

    private static final String COMMUNITY = "c-scored";
    private static final Location NEED = new Location(39.7275, 116.3405);
    /** Monday 2026-11-23 10:00 in Asia/Shanghai. */
    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    /** Tuesday 19:00-20:00 in Asia/Shanghai. */
    private static final Instant TOMORROW_19 = Instant.parse("2026-11-24T11:00:00Z");
    private static final Instant TOMORROW_20 = Instant.parse("2026-11-24T12:00:00Z");

    private final ResourceIndex index = new ResourceIndex();
    private final ScoredMatcher strategy = new ScoredMatcher(3000, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anAppointmentTomorrowEveningGoesToWhoIsFreeThenNotToWhoIsFreeNow() {
        // nearest, free right now, but on leave tomorrow
        index.put(volunteer(1, 30, b -> b.leave("2026-11-24")));
        // 11 m further, off duty this morning and outside their hours now, free tomorrow evening
        index.put(volunteer(2, 41, b -> b.onDuty(false).hours("周一至周五 18:00-21:00")));
        // free now only (mornings)
        index.put(volunteer(3, 20, b -> b.hours("每天 08:00-12:00")));

        Proposal now = proposal(strategy.decide(COMMUNITY, asap(100), index));
        assertEquals(3, now.volunteerId(), "as soon as possible: judged now");

        Proposal appointment = proposal(strategy.decide(COMMUNITY, appointment(101), index));
        assertEquals(2, appointment.volunteerId(), "judged over tomorrow 19:00-20:00");
        assertTrue(appointment.rationale().contains("appointment"), appointment.rationale());
    }

    @Test
    void anAppointmentOverlappingOneTheyHoldIsNotOffered() {
        index.put(volunteer(1, 30, b -> b.held(TOMORROW_19.minusSeconds(1800), TOMORROW_19.plusSeconds(600))));
        index.put(volunteer(2, 900, b -> b));
        assertEquals(2, proposal(strategy.decide(COMMUNITY, appointment(102), index)).volunteerId());
        index.put(volunteer(2, 900, b -> b.leave("2026-11-24")));
        Nobody nobody = assertInstanceOf(Nobody.class, strategy.decide(COMMUNITY, appointment(103), index));
        assertTrue(nobody.reason().contains("1 another job at that time") && nobody.reason().contains("1 on leave"),
                nobody.reason());
    }

    @Test
    void everyProposalCarriesItsScoreInParts() {
        index.put(volunteer(7, 320, b -> b.jobsThisWeek(2).rating(4.5).languages("普通话", "上海话")));
        MatchingStarted need = request(104, null, null, null, List.of(), List.of(7L), "上海话");
        Proposal p = proposal(strategy.decide(COMMUNITY, need, index));
        Map<String, ScorePart> parts = byCode(p.parts());
        assertEquals(320, parts.get(ScoreCodes.WALK).value(), 2);
        assertEquals(2, parts.get(ScoreCodes.JOBS_THIS_WEEK).value());
        assertEquals(1, parts.get(ScoreCodes.HELPED_BEFORE).value());
        assertEquals("上海话", parts.get(ScoreCodes.LANGUAGE).detail());
        assertEquals(4.5, parts.get(ScoreCodes.RATING).value());
        assertEquals(p.score(), p.parts().stream().mapToDouble(ScorePart::cost).sum(), 0.2);
    }

    @Test
    void theHouseholdsEarlierHelperAndOneWhoSpeaksItsDialectComeBeforeANearerStranger() {
        index.put(volunteer(1, 100, b -> b));
        index.put(volunteer(2, 350, b -> b));
        index.put(volunteer(3, 280, b -> b.languages("上海话")));
        assertEquals(2, proposal(strategy.decide(COMMUNITY,
                request(105, null, null, null, List.of(), List.of(2L), null), index)).volunteerId());
        assertEquals(3, proposal(strategy.decide(COMMUNITY,
                request(106, null, null, null, List.of(), List.of(), "上海话"), index)).volunteerId());
    }

    @Test
    void fairnessTheBusyNeighbourYieldsToOneWithFewerJobsThisWeek() {
        index.put(volunteer(1, 100, b -> b.jobsThisWeek(6)));
        index.put(volunteer(2, 250, b -> b.jobsThisWeek(0)));
        assertEquals(2, proposal(strategy.decide(COMMUNITY, asap(107), index)).volunteerId());
    }

    @Test
    void theFifteenMinuteCircleIsSoftBeyondItCostsMoreButStillServes() {
        index.put(volunteer(1, 1500, b -> b));
        Proposal p = proposal(strategy.decide(COMMUNITY, asap(108), index));
        assertEquals(1, p.volunteerId());
        assertEquals(300, byCode(p.parts()).get(ScoreCodes.BEYOND_CIRCLE).value(), 2);
    }

    @Test
    void preferencesNamedVolunteerKindAndAvoidList() {
        index.put(volunteer(1, 50, b -> b.kind("RESIDENT")));
        index.put(volunteer(2, 600, b -> b.kind("STEWARD")));
        index.put(volunteer(3, 900, b -> b.kind("STEWARD")));
        assertEquals(3, proposal(strategy.decide(COMMUNITY, request(109, 3L, null, null, List.of(), List.of(), null),
                index)).volunteerId(), "the named volunteer, though further");
        assertEquals(2, proposal(strategy.decide(COMMUNITY, request(110, null, "STEWARD", null, List.of(), List.of(),
                null), index)).volunteerId(), "a paperwork errand goes to a community worker");
        assertEquals(3, proposal(strategy.decide(COMMUNITY, request(111, null, "STEWARD", null, List.of(2L),
                List.of(), null), index)).volunteerId(), "the avoided one is skipped");
    }

    @Test
    void aCategoryThatAsksForAKindPrefersItWithoutRefusingOthers() {
        var stewardsForPaperwork = new ScoredMatcher(3000, 25, 2,
                new WeightsConfig(Weights.DEFAULTS, Map.of("POLICY_CONSULTING", "STEWARD")), Clock.fixed(NOW, ZoneOffset.UTC));
        index.put(volunteer(1, 50, b -> b.skills("POLICY_CONSULTING").kind("RESIDENT")));
        index.put(volunteer(2, 300, b -> b.skills("POLICY_CONSULTING").kind("STEWARD")));
        Proposal paperwork = proposal(stewardsForPaperwork.decide(COMMUNITY, category(112, "POLICY_CONSULTING"), index));
        assertEquals(2, paperwork.volunteerId(), "the steward, though further: the category asks for one");
        assertEquals("STEWARD", byCode(paperwork.parts()).get(ScoreCodes.KIND).detail());
        Proposal unasked = proposal(strategy.decide(COMMUNITY, category(113, "POLICY_CONSULTING"), index));
        assertEquals(1, unasked.volunteerId(), "without the setting the nearest is proposed");

        index.put(volunteer(2, 300, b -> b.skills("POLICY_CONSULTING").kind("STEWARD").max(0)));
        assertEquals(1, proposal(stewardsForPaperwork.decide(COMMUNITY, category(114, "POLICY_CONSULTING"), index))
                .volunteerId(), "a preference, not a filter: with no steward free the resident still goes");
    }

    private static MatchingStarted category(long id, String category) {
        return new MatchingStarted(id, 1, category, "TODAY", NEED, List.of());
    }

    @Test
    void needsArrivingTogetherAreAssignedJointlyNotGreedily() {
        // volunteer A at 0 m, B at 500 m north; one need 100 m north, one 250 m south
        index.put(volunteer(1, 0, b -> b.max(1)));
        index.put(volunteer(2, 500, b -> b.max(1)));
        MatchingStarted north = at(112, 100);
        MatchingStarted south = at(113, -250);
        // greedy in arrival order: north takes A (100 m), south gets B (750 m) = 850 m;
        // jointly: south A (250 m), north B (400 m) = 650 m
        Map<Long, Decision> d = strategy.decideAll(COMMUNITY, List.of(north, south), index);
        assertEquals(2, proposal(d.get(112L)).volunteerId());
        assertEquals(1, proposal(d.get(113L)).volunteerId());
        assertTrue(proposal(d.get(112L)).rationale().contains("jointly"));
    }

    @Test
    void urgentNeedsNameRankedAlternatesOthersNone() {
        index.put(volunteer(1, 100, b -> b));
        index.put(volunteer(2, 200, b -> b));
        index.put(volunteer(3, 300, b -> b));
        index.put(volunteer(4, 400, b -> b));
        Proposal urgent = proposal(strategy.decide(COMMUNITY, new MatchingStarted(114, 1, "MEALS", "URGENT", NEED,
                List.of()), index));
        assertEquals(1, urgent.volunteerId());
        assertEquals(List.of(2L, 3L), urgent.alternates().stream().map(a -> a.volunteerId()).toList());
        assertEquals(List.of(), proposal(strategy.decide(COMMUNITY, asap(115), index)).alternates());
    }

    @Test
    void needsOfOneCallGoToOneVolunteerWhoCanDoThemAll() {
        index.put(volunteer(1, 100, b -> b.skills("MEALS", "ERRANDS")));
        index.put(volunteer(2, 120, b -> b.skills("ERRANDS")));
        MatchingStarted meals = new MatchingStarted(116, 1, "MEALS", "TODAY", NEED, List.of(), null, null, null, null,
                null, null, null, null, false, "call-1");
        MatchingStarted errands = new MatchingStarted(117, 1, "ERRANDS", "TODAY", at(117, 30).location(), List.of(),
                null, null, null, null, null, null, null, null, false, "call-1");
        Map<Long, Decision> d = strategy.decideAll(COMMUNITY, List.of(meals, errands), index);
        assertEquals(1, proposal(d.get(116L)).volunteerId());
        Proposal second = proposal(d.get(117L));
        assertEquals(1, second.volunteerId(), "volunteer 2 is nearer for errands, but one trip does both");
        assertTrue(byCode(second.parts()).containsKey(ScoreCodes.SAME_CALL));
    }

    @Test
    void weightsComeFromConfigurationAndCanBeOverriddenPerCommunity() {
        try (ApplicationContext ctx = ApplicationContext.builder().properties(Map.of(
                "onecall.matcher.weights.job-this-week", "10",
                "onecall.matcher.communities.c-fair.weights.job-this-week", "500")).build()) {
            ctx.getEnvironment().start();
            WeightsConfig config = new WeightsConfig(ctx.getEnvironment());
            assertEquals(10, config.of("c-any").jobThisWeek());
            assertEquals(500, config.of("c-fair").jobThisWeek());
            assertEquals(Weights.DEFAULTS.language(), config.of("c-fair").language());
        }
        try (ApplicationContext ctx = ApplicationContext.builder().properties(Map.of(
                "onecall.matcher.communities.c-typo.weights.walking", "2")).build()) {
            ctx.getEnvironment().start();
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> new WeightsConfig(ctx.getEnvironment()));
            assertTrue(e.getMessage().contains("walking"), e.getMessage());
        }
    }

    private static Map<String, ScorePart> byCode(List<ScorePart> parts) {
        return parts.stream().collect(java.util.stream.Collectors.toMap(ScorePart::code, p -> p));
    }

    private static Proposal proposal(Decision d) {
        return assertInstanceOf(Proposal.class, d);
    }

    private static MatchingStarted asap(long id) {
        return new MatchingStarted(id, 1, "MEALS", "TODAY", NEED, List.of());
    }

    private static MatchingStarted at(long id, double metresNorth) {
        return new MatchingStarted(id, 1, "MEALS", "TODAY", north(metresNorth), List.of());
    }

    private static MatchingStarted appointment(long id) {
        return new MatchingStarted(id, 1, "MEALS", "FLEXIBLE", NEED, List.of(), 7L, TOMORROW_19, TOMORROW_20, null,
                null, null, null, null, false, null);
    }

    private static MatchingStarted request(long id, Long preferred, String kind, String callId, List<Long> avoid,
                                           List<Long> past, String language) {
        return new MatchingStarted(id, 1, "MEALS", "TODAY", NEED, List.of(), 7L, null, null, preferred, kind, avoid,
                past, language, false, callId);
    }

    private static Location north(double metres) {
        return new Location(NEED.lat() + metres / 111_195d, NEED.lon());
    }

    private static VolunteerStateChanged volunteer(long id, double metresNorth,
                                                   java.util.function.UnaryOperator<V> shape) {
        return shape.apply(new V(id, north(metresNorth))).build();
    }

    /** A volunteer with the skill MEALS, on duty, no limits, unless told otherwise. */
    private static final class V {
        private final long id;
        private final Location home;
        private List<String> skills = List.of("MEALS");
        private boolean onDuty = true;
        private int max = 2;
        private List<TimeWindow> hours = List.of();
        private List<DatePeriod> leave = List.of();
        private List<String> languages = List.of();
        private String kind;
        private Integer jobsThisWeek;
        private Double rating;
        private List<org.onecall.events.ResourceEvents.Held> held = List.of();

        V(long id, Location home) {
            this.id = id;
            this.home = home;
        }

        V skills(String... s) { skills = List.of(s); return this; }
        V onDuty(boolean b) { onDuty = b; return this; }
        V max(int m) { max = m; return this; }
        V hours(String text) { hours = TimeWindow.parseAll(text); return this; }
        V leave(String text) { leave = DatePeriod.parseAll(text); return this; }
        V languages(String... l) { languages = List.of(l); return this; }
        V kind(String k) { kind = k; return this; }
        V jobsThisWeek(int n) { jobsThisWeek = n; return this; }
        V rating(double r) { rating = r; return this; }
        V held(Instant start, Instant end) {
            held = List.of(new org.onecall.events.ResourceEvents.Held(99, start, end));
            return this;
        }

        VolunteerStateChanged build() {
            return new VolunteerStateChanged(id, COMMUNITY, "志愿者" + id, skills, home, onDuty, true, max, 0,
                    "ACTIVE", hours, leave, languages, null, kind, jobsThisWeek, rating, held);
        }
    }
}
