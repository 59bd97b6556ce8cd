package org.onecall.dispatch.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.Api;
import org.onecall.dispatch.Databases;
import org.onecall.dispatch.DispatchTest;
import org.onecall.testsupport.TestTokens;

/**
 * The incoming-call webhook and the desk's stream: a phone system proves itself with its own token,
 * every call it announces is recorded, and the open desks of its community get the screen-pop (those
 * at the extension that rang, when one is open there); need changes reach the desks as status lines.
 */
class PhoneCallsTest extends DispatchTest {

    static final String COMMUNITY = "desk-community"; // the test phone system's (application-test.yml)
    static final String TOKEN = "test-pbx-token-0123456789";

    @Inject
    EmbeddedServer server;

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Desk> desks = new ArrayList<>();
    private long household;

    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }

    @BeforeAll
    void theCommunityOfThePhoneSystem() {
        api.post("/api/communities", Map.of("id", COMMUNITY, "name", "接线测试社区")).expect(201);
        household = api.household(COMMUNITY);
    }

    @AfterEach
    void closeDesks() {
        desks.forEach(Desk::close);
        desks.clear();
    }

    @Test
    void aCallWithoutTheTokenOfAKnownPhoneSystemIsRefusedAndNotRecorded() throws Exception {
        long before = calls();
        assertEquals(401, ring(null, Map.of("caller", Api.RESIDENT_PHONE)).statusCode());
        assertEquals(401, ring("not-the-token", Map.of("caller", Api.RESIDENT_PHONE)).statusCode());
        assertEquals(401, ring(null, Map.of()).statusCode(), "the token is checked before the body");
        assertEquals(before, calls());
        HttpResponse<String> bad = ring(TOKEN, Map.of("caller", "<script>"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("caller"), bad.body());
    }

    @Test
    void everyCallIsRecordedAndPopsOnEveryOpenDeskOfTheCommunity() throws Exception {
        Desk first = open("");
        Desk second = open("");
        // the resident's number written another way than it was registered
        String spoken = "+86 " + Api.RESIDENT_PHONE.substring(0, 3) + "-" + Api.RESIDENT_PHONE.substring(3);
        HttpResponse<String> answer = ring(TOKEN, Map.of("caller", spoken, "callId", "pbx-1"));
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode announced = Api.parse(answer.body());
        assertEquals(1, announced.get("households").asInt());
        assertEquals(2, announced.get("desksTold").asInt());

        for (Desk desk : List.of(first, second)) {
            String pop = desk.awaitEvent("call");
            JsonNode data = Api.parse(pop);
            assertEquals(List.of(household), List.of(data.get("householdIds").get(0).asLong()));
            assertEquals(spoken, data.get("callerNumber").asText());
        }
        var row = db.rows("SELECT * FROM incoming_call WHERE id = ?", announced.get("callId").asLong()).get(0);
        assertEquals("test-pbx", row.get("phone_system"));
        assertEquals(COMMUNITY, row.get("community_id"));
        assertEquals("+86" + Api.RESIDENT_PHONE, row.get("caller_e164"));
        assertEquals("pbx-1", row.get("external_id"));
        assertEquals(2, ((Number) row.get("desks_told")).intValue());
    }

    @Test
    void aCallToAnExtensionPopsOnlyOnTheDeskSignedInThereAndAnUnknownNumberStillPops() throws Exception {
        Desk at801 = open("801");
        Desk elsewhere = open("802");
        JsonNode announced = Api.parse(ring(TOKEN, Map.of("caller", "13700000000", "extension", "801")).body());
        assertEquals(0, announced.get("households").asInt());
        assertEquals(1, announced.get("desksTold").asInt());
        JsonNode pop = Api.parse(at801.awaitEvent("call"));
        assertEquals(0, pop.path("householdIds").size(), "an unknown caller pops an empty card");
        assertEquals(1, calls("13700000000"));

        // nobody sits at 803: every desk of the community is told
        JsonNode toAll = Api.parse(ring(TOKEN, Map.of("caller", Api.RESIDENT_PHONE, "extension", "803")).body());
        assertEquals(2, toAll.get("desksTold").asInt());
        assertTrue(elsewhere.awaitEvent("call").contains(String.valueOf(household)));
    }

    @Test
    void aNeedThatMovesIsAStatusLineOnTheDesksOfItsCommunity() throws Exception {
        Desk desk = open("");
        long need = api.raise(household).get("id").asLong();
        String line = desk.awaitEvent("need");
        assertTrue(line.contains("\"needId\":" + need), line);
        JsonNode card = api.get("/api/households/" + household + "/needs").expect(200);
        assertEquals(need, card.get(0).get("id").asLong(), "the household card lists its needs, newest first");
    }

    @Test
    void aDeskOfAnotherCommunityIsRefused() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/communities/" + COMMUNITY + "/desk/stream"))
                .header("Authorization", "Bearer " + TestTokens.staff("OPERATOR", List.of("another-community")))
                .GET().build();
        assertEquals(403, client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    private long calls() {
        return db.count("SELECT COUNT(*) FROM incoming_call");
    }

    private long calls(String number) {
        return db.count("SELECT COUNT(*) FROM incoming_call WHERE caller_number = ?", number);
    }

    private HttpResponse<String> ring(String token, Map<String, String> body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/phone/calls"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.json(body)));
        if (token != null) {
            request.header(PhoneCallController.TOKEN_HEADER, token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + server.getPort() + path);
    }

    /** An operator's open desk: reads the stream's events in the background once it said it is open. */
    private Desk open(String extension) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/communities/" + COMMUNITY + "/desk/stream"
                        + (extension.isEmpty() ? "" : "?extension=" + extension)))
                .header("Authorization", "Bearer " + TestTokens.staff("OPERATOR", List.of(COMMUNITY)))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        Desk desk = new Desk(response.body());
        desks.add(desk);
        desk.awaitEvent("open");
        return desk;
    }

    /** SSE lines as "name data" pairs, collected by a reader thread. */
    private static final class Desk {
        private final java.io.InputStream body;
        private final BufferedReader reader;
        private final List<String[]> events = new CopyOnWriteArrayList<>();
        private final CompletableFuture<Void> reading;

        Desk(java.io.InputStream body) {
            this.body = body;
            this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            this.reading = CompletableFuture.runAsync(this::read);
        }

        private void read() {
            String name = "message";
            StringBuilder data = new StringBuilder();
            try {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    } else if (line.isEmpty() && !data.isEmpty()) {
                        events.add(new String[] {name, data.toString()});
                        name = "message";
                        data.setLength(0);
                    }
                }
            } catch (java.io.IOException e) {
                // closed by the test
            }
        }

        String awaitEvent(String name) {
            String[] found = eventually().until(() -> events.stream().filter(e -> e[0].equals(name)).findFirst(),
                    java.util.Optional::isPresent).get();
            events.remove(found);
            return found[1];
        }

        /** Closes the response body itself: the reader's close would wait for the line it is reading. */
        void close() {
            try {
                body.close();
            } catch (java.io.IOException e) {
                // already closed
            }
            reading.cancel(true);
        }
    }
}
