package org.onecall.matcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.onecall.events.Location;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;
import org.onecall.matcher.engine.MatchingStrategy.Decision;
import org.onecall.matcher.engine.MatchingStrategy.Nobody;
import org.onecall.matcher.engine.MatchingStrategy.Proposal;
import org.onecall.matcher.index.ResourceIndex;

/** The simple rule, without Kafka: a plain index and the strategy. */
class ScoredMatcherRulesTest {

    private static final String COMMUNITY = "c-test";
    private static final String OTHER_COMMUNITY = "c-other";
    /** The need's place; 0.001 degrees of latitude is about 111 m. */
    private static final Location NEED = new Location(39.7275, 116.3405);
    private static final long NEED_ID = 42;

    private final ResourceIndex index = new ResourceIndex();
    private final ScoredMatcher strategy = new ScoredMatcher(3000);

    @Test
    void theNearestVolunteerWithTheSkillWins() {
        index.put(volunteer(1, metresNorth(900), "MEDICINE"));
        index.put(volunteer(2, metresNorth(200), "MEDICINE"));
        index.put(volunteer(3, metresNorth(50), "REPAIRS")); // nearer, but without the skill
        index.put(volunteer(4, metresNorth(500), "MEDICINE", "MEALS"));

        Proposal p = proposal(decide("MEDICINE"));

        assertEquals(2, p.volunteerId());
        assertTrue(p.distanceMeters() >= 195 && p.distanceMeters() <= 205, "distance " + p.distanceMeters());
        assertContains(p.rationale(), "3 free volunteers", "MEDICINE");
    }

    @Test
    void volunteersOfAnotherCommunityAreNotConsidered() {
        index.put(volunteer(1, metresNorth(900), "MEALS"));
        index.put(withCommunity(volunteer(2, metresNorth(10), "MEALS"), OTHER_COMMUNITY));

        assertEquals(1, proposal(decide("MEALS")).volunteerId());
    }

    @Test
    void aTieInDistanceGoesToTheLowerId() {
        // ids chosen so that the index (a hash map) iterates 17, 33, 3: the lowest id is not simply the first seen
        index.put(volunteer(17, metresNorth(300), "MEALS"));
        index.put(volunteer(33, metresNorth(300), "MEALS"));
        index.put(volunteer(3, metresNorth(300), "MEALS"));

        assertEquals(3, proposal(decide("MEALS")).volunteerId());
    }

    @Test
    void offDutyInactiveFullAndExcludedVolunteersAreSkipped() {
        index.put(new VolunteerStateChanged(1, COMMUNITY, "off duty", List.of("MEALS"), metresNorth(10),
                false, true, 2, 0));
        index.put(new VolunteerStateChanged(2, COMMUNITY, "inactive", List.of("MEALS"), metresNorth(20),
                true, false, 2, 0));
        index.put(new VolunteerStateChanged(3, COMMUNITY, "at max load", List.of("MEALS"), metresNorth(30),
                true, true, 2, 2));
        index.put(volunteer(4, metresNorth(40), "MEALS")); // declined this need before
        index.put(volunteer(5, metresNorth(800), "MEALS"));

        Proposal p = proposal(strategy.decide(COMMUNITY, request("MEALS", List.of(4L)), index));

        assertEquals(5, p.volunteerId());
        assertContains(p.rationale(), "1 free volunteers");
    }

    @Test
    void openProposalsCountAgainstCapacityButNotTheOneForTheSameNeed() {
        index.put(new VolunteerStateChanged(1, COMMUNITY, "near", List.of("MEALS"), metresNorth(100),
                true, true, 2, 1));
        index.put(volunteer(2, metresNorth(900), "MEALS"));

        assertEquals(1, proposal(decide("MEALS")).volunteerId());

        // volunteer 1 was proposed for another need and has not answered yet: 1 job + 1 proposal = 2 = max
        index.proposed(77, 1);
        assertEquals(2, proposal(decide("MEALS")).volunteerId());

        // a proposal for this very need (a new round of it) does not block the volunteer for it
        index.answered(77);
        index.proposed(NEED_ID, 1);
        assertEquals(1, proposal(decide("MEALS")).volunteerId());

        // once answered, the capacity is back
        index.proposed(77, 1);
        assertEquals(2, proposal(decide("MEALS")).volunteerId());
        index.answered(77);
        assertEquals(1, proposal(decide("MEALS")).volunteerId());
    }

    @Test
    void nobodyWithTheSkillIsNobodyWithAReasonNamingTheSkill() {
        index.put(volunteer(1, metresNorth(100), "MEALS", "REPAIRS"));

        Nobody nobody = nobody(decide("COUNSELLING"));

        assertContains(nobody.reason(), "COUNSELLING", COMMUNITY);
    }

    @Test
    void anEmptyCommunityIsNobody() {
        Nobody nobody = nobody(decide("MEALS"));
        assertContains(nobody.reason(), "MEALS");
        assertEquals("社区里没有会「送餐/吃饭」的志愿者", nobody.reasonZh());
    }

    @Test
    void allBusyIsNobodyWithAReason() {
        index.put(new VolunteerStateChanged(1, COMMUNITY, "full", List.of("MEALS"), metresNorth(100),
                true, true, 1, 1));
        index.put(new VolunteerStateChanged(2, COMMUNITY, "off", List.of("MEALS"), metresNorth(200),
                false, true, 1, 0));

        Nobody nobody = nobody(decide("MEALS"));

        assertContains(nobody.reason(), "2 volunteers have the skill MEALS", "off duty", "limit");
        // the coordinator reads it in Chinese, every count in words
        assertEquals("2 位志愿者会「送餐/吃饭」，但现在都派不了：手头任务已满 1 位，不在岗 1 位", nobody.reasonZh());
    }

    @Test
    void theNearestFreeVolunteerBeyondTheMaximumDistanceIsNobody() {
        index.put(volunteer(1, metresNorth(3500), "MEALS"));
        index.put(volunteer(2, metresNorth(5000), "MEALS"));

        Nobody nobody = nobody(decide("MEALS"));

        assertContains(nobody.reason(), "beyond 3000 m", "MEALS");
        assertEquals("会「送餐/吃饭」的空闲志愿者最近的也在 3500 米外，超出 3000 米", nobody.reasonZh());
        // the limit is configuration: a wider one finds the same volunteer
        assertEquals(1, proposal(new ScoredMatcher(4000).decide(COMMUNITY, request("MEALS", List.of()), index))
                .volunteerId());
    }

    @Test
    void theNearestOpenMerchantIsNamedForCategoriesThatBuyGoods() {
        index.put(volunteer(1, metresNorth(100), "MEDICINE", "ERRANDS", "REPAIRS"));
        index.put(merchant(10, metresNorth(900), true, "MEDICINE", "ERRANDS", "REPAIRS"));
        index.put(merchant(11, metresNorth(300), true, "MEDICINE"));
        index.put(merchant(12, metresNorth(50), true, "MEALS"));
        index.put(withCommunity(merchant(13, metresNorth(10), true, "MEDICINE", "ERRANDS"), OTHER_COMMUNITY));

        assertEquals(11L, proposal(decide("MEDICINE")).merchantId());
        assertEquals(10L, proposal(decide("ERRANDS")).merchantId());
        assertNull(proposal(decide("REPAIRS")).merchantId(), "repairs buy no goods");
    }

    @Test
    void aClosedMerchantIsNotChosen() {
        index.put(volunteer(1, metresNorth(100), "MEDICINE"));
        index.put(merchant(10, metresNorth(50), false, "MEDICINE"));
        index.put(merchant(11, metresNorth(700), true, "MEDICINE"));

        assertEquals(11L, proposal(decide("MEDICINE")).merchantId());

        index.put(merchant(11, metresNorth(700), false, "MEDICINE"));
        Proposal p = proposal(decide("MEDICINE"));
        assertEquals(1, p.volunteerId(), "the volunteer still goes, buying elsewhere");
        assertNull(p.merchantId());
    }

    private Decision decide(String category) {
        return strategy.decide(COMMUNITY, request(category, List.of()), index);
    }

    private static MatchingStarted request(String category, List<Long> excluded) {
        return new MatchingStarted(NEED_ID, 1, category, "NORMAL", NEED, excluded);
    }

    private static Proposal proposal(Decision d) {
        return assertInstanceOf(Proposal.class, d);
    }

    private static Nobody nobody(Decision d) {
        return assertInstanceOf(Nobody.class, d);
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "expected \"" + part + "\" in: " + text);
        }
    }

    static Location metresNorth(double metres) {
        return new Location(NEED.lat() + metres / 111_195d, NEED.lon());
    }

    private static VolunteerStateChanged volunteer(long id, Location home, String... skills) {
        return new VolunteerStateChanged(id, COMMUNITY, "志愿者" + id, List.of(skills), home, true, true, 2, 0);
    }

    private static VolunteerStateChanged withCommunity(VolunteerStateChanged v, String community) {
        return new VolunteerStateChanged(v.volunteerId(), community, v.displayName(), v.skills(), v.home(),
                v.onDuty(), v.active(), v.maxConcurrentJobs(), v.activeJobs());
    }

    private static MerchantStateChanged merchant(long id, Location at, boolean open, String... categories) {
        return new MerchantStateChanged(id, COMMUNITY, "商户" + id, List.of(categories), at, open, 20);
    }

    private static MerchantStateChanged withCommunity(MerchantStateChanged m, String community) {
        return new MerchantStateChanged(m.merchantId(), community, m.name(), m.categories(), m.location(), m.open(),
                m.dailyCapacity());
    }
}
