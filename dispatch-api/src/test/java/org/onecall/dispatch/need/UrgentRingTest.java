package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.Databases;
import org.onecall.dispatch.DispatchTest;
import org.onecall.dispatch.Events;
import org.onecall.events.MatchEvents.Alternate;
import org.onecall.events.MatchEvents.MatchProposed;
import org.onecall.events.NeedEvents.OfferMade;
import org.onecall.events.NeedEvents.OfferWithdrawn;
import org.onecall.events.Topics;
import org.onecall.testsupport.TopicProbe;

/**
 * An urgent need rings the matcher's first choice and its alternates at once (issue 13, contract C3):
 * each available alternate gets a pending offer, the first acceptance wins and the others are withdrawn.
 * A need that is not urgent is offered to the first choice only, and an alternate who cannot come (off
 * duty) is not rung.
 */
class UrgentRingTest extends DispatchTest {

    LadderFixture at;

    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("onecall.escalation.check", "1h");
    }

    @BeforeAll
    void fixture() {
        at = new LadderFixture(api);
    }

    private long raise(String urgency) {
        long need = api.raiseWith(Map.of("householdId", at.household, "urgency", urgency)).expect(201)
                .get("id").asLong();
        eventually().until(() -> api.need(need).get("status").asText().equals("MATCHING"));
        return need;
    }

    private void propose(long need, long first, List<Long> alternates) {
        int attempt = api.need(need).get("matchAttempt").asInt(1);
        matcher.send(at.community, new MatchProposed(need, attempt, first, null, 200, "最近的空闲志愿者", 1.0,
                List.of(), alternates.stream().map(v -> new Alternate(v, 300, 2.0, List.of())).toList()));
    }

    @Test
    void anUrgentNeedRingsTheAvailableAlternatesTooAndTheFirstAcceptWins() {
        long first = api.volunteer(at.community, true, 2);
        long second = api.volunteer(at.community, true, 2);
        long offDuty = api.volunteer(at.community, false, 2);
        long need = raise("URGENT");
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            propose(need, first, List.of(second, offDuty));
            needs.await(Events.about(at.community, need, OfferMade.class, e -> e.volunteerId() == first));
            needs.await(Events.about(at.community, need, OfferMade.class, e -> e.volunteerId() == second));
            assertEquals(0, api.offers(offDuty, null).size(), "off duty: not rung");
            long firstOffer = api.offers(first, "PENDING").get(0).get("offerId").asLong();
            long secondOffer = api.offers(second, "PENDING").get(0).get("offerId").asLong();

            api.accept(secondOffer, second).expect(200);
            needs.await(Events.about(at.community, need, OfferWithdrawn.class,
                    e -> e.volunteerId() == first && e.offerId() == firstOffer));
            assertEquals(409, api.accept(firstOffer, first).status(), "the second's accept came first");
        }
        JsonNode held = api.need(need);
        assertEquals("ASSIGNED", held.get("status").asText());
        assertEquals(second, held.get("volunteerId").asLong());
        assertTrue(api.history(need).stream().anyMatch(l -> l.get("detail").asText().contains("urgent: also offered")),
                "the history says who else was rung");
    }

    @Test
    void aNeedThatIsNotUrgentGoesToTheFirstChoiceOnly() {
        long first = api.volunteer(at.community, true, 2);
        long second = api.volunteer(at.community, true, 2);
        long need = raise("TODAY");
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            propose(need, first, List.of(second));
            needs.await(Events.about(at.community, need, OfferMade.class, e -> e.volunteerId() == first));
        }
        assertEquals("OFFERED", api.need(need).get("status").asText());
        assertEquals(1, api.offers(first, "PENDING").size());
        assertEquals(0, api.offers(second, null).size(), "not urgent: one offer at a time");
    }
}
