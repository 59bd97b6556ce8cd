package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.DispatchTest;
import org.onecall.dispatch.Events;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.NeedEvents.OfferExpired;
import org.onecall.events.Topics;
import org.onecall.testsupport.TopicProbe;

/** With a one-second offer TTL: an offer nobody answers lapses and the next round leaves its volunteer out. */
abstract class OfferExpiryTest extends DispatchTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("onecall.offers.ttl", "1s");
    }

    @Test
    void anUnansweredOfferExpiresAndTheNextRoundExcludesItsVolunteer() {
        assertEquals(Duration.ofMillis(200), context.getRequiredProperty("onecall.offers.expiry-check", Duration.class),
                "the test settings must override application-dispatch.yml");
        String community = api.community();
        long household = api.household(community);
        long volunteer = api.volunteer(community);
        long id = api.raise(household).get("id").asLong();

        matcher.propose(community, id, 1, volunteer);
        try (TopicProbe needs = TopicProbe.open(Topics.NEEDS)) {
            needs.await(Events.about(community, id, OfferExpired.class, e -> e.volunteerId() == volunteer));
            needs.await(Events.about(community, id, MatchingStarted.class,
                    m -> m.attempt() == 2 && m.excludedVolunteerIds().equals(List.of(volunteer))));
        }

        JsonNode offer = api.offers(volunteer, null).get(0);
        assertEquals("EXPIRED", offer.get("status").asText());
        assertEquals(Duration.ofSeconds(1), Duration.between(Instant.parse(offer.get("createdAt").asText()),
                Instant.parse(offer.get("expiresAt").asText())));
        JsonNode need = api.need(id);
        assertEquals("MATCHING", need.get("status").asText());
        assertEquals(2, need.get("matchAttempt").asInt());

        List<JsonNode> history = api.history(id);
        assertEquals(List.of("NeedRaised", "MatchingStarted", "OfferMade", "MatchingStarted"),
                history.stream().map(h -> h.get("eventType").asText()).toList());
        JsonNode last = history.get(3);
        assertEquals("OFFERED", last.get("fromStatus").asText());
        assertEquals("system", last.get("actor").asText());
        assertTrue(last.get("detail").asText().contains("expired"), last::toString);

        assertEquals(409, api.accept(offer.get("offerId").asLong(), volunteer).status(), "an expired offer");
        assertEquals(0, api.volunteerState(volunteer).get("activeJobs").asInt());
    }
}
