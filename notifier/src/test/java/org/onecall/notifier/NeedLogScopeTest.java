package org.onecall.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.events.EventEnvelope;
import org.onecall.events.NeedEvents.OfferMade;
import org.onecall.testsupport.KafkaBrokerExtension;
import org.onecall.testsupport.TestKafka;
import org.onecall.testsupport.TestTokens;

/**
 * A need's delivery log is read by the staff who serve its community, learnt from the need's events:
 * its coordinators and operators and admins; staff of another community, grid leaders (the notifier
 * does not know the need's grid) and anyone asking about a need it has no community for get 404.
 * Street coordinators are covered with dispatch-api answering in standalone's StaffScopeTest; here,
 * with no dispatch-api to ask, a street serves nothing.
 */
@MicronautTest(environments = {NotifierApp.ENVIRONMENT, "test"}, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(KafkaBrokerExtension.class)
class NeedLogScopeTest extends NotifierBrokerTest {

    @Inject
    @Client("/")
    HttpClient http;

    private final String community = TestKafka.newCommunity();
    private OfferMade offer;

    @BeforeAll
    void anOfferWasMade() {
        long volunteer = TestKafka.newId();
        offer = DeliveryFlowTest.offer(volunteer, "MEALS", "2号楼", 300);
        EventEnvelope e = kafka.publishNeedEvent(offer, community);
        awaitDelivery(e, Deliveries.SSE, volunteer);
    }

    @Test
    void the_needs_own_staff_and_admins_read_its_log() {
        for (String token : List.of(TestTokens.staff("COORDINATOR", List.of(community)),
                TestTokens.staff("OPERATOR", List.of(community, TestKafka.newCommunity())), TestTokens.admin())) {
            String log = http.toBlocking().retrieve(HttpRequest.GET(path(offer.needId())).bearerAuth(token));
            assertEquals(1, DeliveryFlowTest.read(log).size(), log);
            assertTrue(log.contains("\"channel\":\"SSE\""), log);
        }
    }

    @Test
    void anyone_else_is_answered_as_if_there_were_no_such_need() {
        for (String token : List.of(TestTokens.staff("COORDINATOR", List.of(TestKafka.newCommunity())),
                TestTokens.gridLeader(community, List.of("grid-1")), TestTokens.street("COORDINATOR", "no-answer"))) {
            assertEquals(404, status(path(offer.needId()), token));
        }
        // a need whose events the notifier never saw (or saw before it recorded communities): admins only
        assertEquals(404, status(path(TestKafka.newId()), TestTokens.staff("COORDINATOR", List.of(community))));
        assertEquals(403, status(path(offer.needId()), TestTokens.volunteer(offer.volunteerId(), community)));
    }

    private static String path(long needId) {
        return "/notify/needs/" + needId + "/log";
    }

    private int status(String path, String token) {
        try {
            HttpResponse<String> r = http.toBlocking().exchange(HttpRequest.GET(path).bearerAuth(token), String.class);
            return r.getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
