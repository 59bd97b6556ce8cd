package org.onecall.notifier;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.sse.SseClient;
import io.micronaut.http.sse.Event;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.events.AccountEvents;
import org.onecall.events.AccountEvents.AccountAccessChanged;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.Topics;
import org.onecall.testsupport.KafkaBrokerExtension;
import org.onecall.testsupport.TestKafka;
import org.onecall.testsupport.TestTokens;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The notifier has no accounts table, yet refuses the tokens of an account an admin switched off in
 * dispatch-api: it learns the switch from the compacted accounts topic, closes the streams such a
 * token opened, and a restarted notifier knows every switch from its first request.
 */
@MicronautTest(environments = {NotifierApp.ENVIRONMENT, "test"}, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(KafkaBrokerExtension.class)
class SwitchedOffAccountTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    @Client("/")
    SseClient sse;

    private TestKafka dispatchApi;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers(),
                "datasources.notifier.url", DeliveryFlowTest.h2Url());
    }

    @BeforeAll
    void open() {
        dispatchApi = new TestKafka();
    }

    @AfterAll
    void close() {
        dispatchApi.close();
    }

    @Test
    void aSwitchedOffVolunteersTokenIsRefusedAndOnlyANewOneWorksAfterSwitchingOn() {
        long volunteerId = TestKafka.newId();
        String community = TestKafka.newCommunity();
        Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String old = TestTokens.volunteer(volunteerId, community, issued);
        long someoneElse = TestKafka.newId();
        String other = TestTokens.volunteer(someoneElse, community, issued);
        assertEquals(HttpStatus.OK, deliveries(http, volunteerId, old));

        // as dispatch-api writes it: tokens issued before the next whole second are revoked
        Instant validAfter = issued.plusSeconds(1);
        switchAccount(volunteerId, false, validAfter);
        await("the notifier refuses the switched-off account's token").atMost(Duration.ofSeconds(30))
                .until(() -> deliveries(http, volunteerId, old) == HttpStatus.UNAUTHORIZED);
        assertEquals(HttpStatus.OK, deliveries(http, someoneElse, other), "another volunteer is not affected");

        switchAccount(volunteerId, true, validAfter);
        String fresh = TestTokens.volunteer(volunteerId, community, validAfter);
        await("a token issued after switching on again is accepted").atMost(Duration.ofSeconds(30))
                .until(() -> deliveries(http, volunteerId, fresh) == HttpStatus.OK);
        assertEquals(HttpStatus.UNAUTHORIZED, deliveries(http, volunteerId, old), "the old token stays revoked");
    }

    @Test
    void aStreamOpenedWithTheTokenEndsWhenTheAccountIsSwitchedOff() {
        long volunteerId = TestKafka.newId();
        String community = TestKafka.newCommunity();
        String token = TestTokens.volunteer(volunteerId, community, Instant.now());
        EventEnvelope earlier = dispatchApi.publishNeedEvent(
                DeliveryFlowTest.offer(volunteerId, "MEALS", "朝阳里社区7号楼", 90), community);

        List<Event<String>> events = new CopyOnWriteArrayList<>();
        AtomicBoolean ended = new AtomicBoolean();
        Disposable stream = Flux.from(sse.eventStream(HttpRequest.GET(streamPath(volunteerId)).bearerAuth(token),
                        String.class))
                .subscribe(events::add, e -> ended.set(true), () -> ended.set(true));
        try {
            // the replayed delivery shows the stream is open, and was opened with the token accepted
            await("the stream replays the earlier offer").atMost(Duration.ofSeconds(30))
                    .until(() -> events.stream().anyMatch(e -> earlier.eventId().toString().equals(e.getId())));
            assertTrue(!ended.get(), "the stream ended before the switch");

            switchAccount(volunteerId, false, Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
            await("the open stream ends").atMost(Duration.ofSeconds(30)).untilTrue(ended);
            assertEquals(HttpStatus.UNAUTHORIZED, deliveries(http, volunteerId, token));
        } finally {
            stream.dispose();
        }
    }

    @Test
    void aRestartedNotifierRefusesTheTokenFromItsFirstRequest() {
        long volunteerId = TestKafka.newId();
        long someoneElse = TestKafka.newId();
        String community = TestKafka.newCommunity();
        String token = TestTokens.volunteer(volunteerId, community, Instant.now());
        String other = TestTokens.volunteer(someoneElse, community, Instant.now());
        switchAccount(volunteerId, false, Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
        // a record that is not an event does not stop the reading (it is parked on the dead-letter topic)
        dispatchApi.send(Topics.ACCOUNTS, "account-garbage", "not an event");
        await("this notifier has read the switch").atMost(Duration.ofSeconds(30))
                .until(() -> deliveries(http, volunteerId, token) == HttpStatus.UNAUTHORIZED);

        Map<String, Object> props = new HashMap<>(getProperties());
        props.put("micronaut.server.port", -1);
        try (ApplicationContext restarted = ApplicationContext.run(props, NotifierApp.ENVIRONMENT, "test");
             EmbeddedServer server = restarted.getBean(EmbeddedServer.class).start();
             HttpClient client = HttpClient.create(url(server))) {
            // the very first requests: the switch was read before the server opened, and nothing else is refused
            assertEquals(HttpStatus.UNAUTHORIZED, deliveries(client, volunteerId, token));
            assertEquals(HttpStatus.OK, deliveries(client, someoneElse, other));
        }
    }

    private void switchAccount(long volunteerId, boolean active, Instant validAfter) {
        AccountAccessChanged changed = new AccountAccessChanged("volunteer-" + volunteerId, volunteerId, active,
                validAfter);
        EventEnvelope envelope = EventEnvelope.of(changed, AccountEvents.NO_COMMUNITY, java.time.Clock.systemUTC());
        dispatchApi.send(Topics.ACCOUNTS, changed.aggregateId(), EventJson.write(envelope));
    }

    private static HttpStatus deliveries(HttpClient client, long volunteerId, String token) {
        try {
            return client.toBlocking().exchange(HttpRequest.GET("/notify/volunteers/" + volunteerId + "/deliveries")
                    .bearerAuth(token), String.class).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    private static String streamPath(long volunteerId) {
        return "/notify/volunteers/" + volunteerId + "/stream";
    }

    private static URL url(EmbeddedServer server) {
        return server.getURL();
    }
}
