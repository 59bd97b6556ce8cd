package org.onecall.standalone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.sse.Event;
import io.micronaut.http.client.sse.SseClient;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.AuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.Topics;
import org.onecall.kafka.embedded.BrokerSecurity;
import org.onecall.testsupport.TopicProbe;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The whole loop of issue 2 through HTTP, against the standalone product (its own in-process
 * broker, both H2 databases, all three services): an operator records a need, the matcher
 * proposes the nearest free volunteer, dispatch-api offers, the notifier pushes the offer over SSE,
 * the volunteer accepts, arrives, completes, and the resident's rating closes the need.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandaloneLoopTest {

    private static final String COMMUNITY = "loop-test";
    private static final double LAT = 39.7275;
    private static final double LON = 116.3405;

    @TempDir
    static Path data;
    static final String ADMIN_PASSWORD = "admin password for the loop test";
    private Standalone app;
    private Api admin;

    @BeforeAll
    void start() {
        app = Standalone.start(data, 0, Map.of(
                "micronaut.server.port", -1,
                "onecall.demo.enabled", false,
                "onecall.security.admin-password", ADMIN_PASSWORD,
                "datasources.default.url", "jdbc:h2:mem:loop-dispatch;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "datasources.notifier.url", "jdbc:h2:mem:loop-notifier;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"));
        admin = new Api(app.url()).signIn("admin", ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (app != null) {
            app.close();
        }
    }

    /** The web pages come from the same port as the API, public, with the pages' strict policy. */
    @Test
    void the_console_pages_are_served_on_the_one_port() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        var root = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.url() + "/")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(303, root.statusCode());
        assertEquals("/console/", root.headers().firstValue("Location").orElse(null));
        for (String page : List.of("/console/", "/console/login.html", "/console/import.html", "/console/js/api.js")) {
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.url() + page)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), page);
            assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"), page);
        }
        var api = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.url() + "/api/communities"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, api.statusCode(), "the API stays closed");
    }

    @Test
    void a_need_goes_from_the_call_to_the_residents_rating_through_every_service() throws Exception {
        admin.post("/api/communities", Map.of("id", COMMUNITY, "name", "兴华南里"));
        Api operator = admin.newStaff("operator-wang", "王接线员", "OPERATOR", COMMUNITY);
        long household = Api.id(operator.post("/api/communities/" + COMMUNITY + "/households", Map.of(
                "headName", "钱奶奶", "phone", "139 0002 0002", "building", "兴华南里2号楼",
                "address", "兴华南里2号楼1单元502", "grid", "grid-1", "lat", LAT, "lon", LON)));
        long near = volunteer("李建国", "13800010001", List.of("MEDICINE", "ERRANDS"), 0.001, true);
        long far = volunteer("王秀英", "13800010002", List.of("MEDICINE"), 0.008, true);
        long nearerButOffDuty = volunteer("张伟", "13800010003", List.of("MEDICINE"), 0.0002, false);

        Api volunteer = new Api(app.url()).signInBySms("13800010001", admin);
        List<Event<JsonNode>> pushed = new CopyOnWriteArrayList<>();
        SseClient sse = SseClient.create(new URL(app.url()));
        Disposable subscription = Flux.from(sse.eventStream(HttpRequest.GET("/notify/volunteers/" + near + "/stream")
                        .bearerAuth(volunteer.token()),
                JsonNode.class)).subscribe(pushed::add);
        try (TopicProbe needs = TopicProbe.open(app.kafkaAdminConfig(), Topics.NEEDS);
             TopicProbe matches = TopicProbe.open(app.kafkaAdminConfig(), Topics.MATCHES);
             TopicProbe resources = TopicProbe.open(app.kafkaAdminConfig(), Topics.RESOURCES)) {

            Map<String, Object> raised = operator.post("/api/needs", Map.of("householdId", household,
                    "category", "MEDICINE", "urgency", "TODAY", "description", "降压药 ×2，挂面，鸡蛋一盒", "items", List.of(Map.of("name", "降压药", "quantity", 2),
                            Map.of("name", "挂面"), Map.of("name", "鸡蛋", "unit", "盒"))));
            long needId = Api.id(raised);
            String aggregate = "need-" + needId;
            assertEquals("MATCHING", raised.get("status"));

            // the matcher proposes the nearest volunteer who is on duty, and dispatch-api offers
            await().atMost(Duration.ofSeconds(20)).until(() -> status(needId).equals("OFFERED"));
            EventEnvelope proposal = envelope(matches.await(TopicProbe.event("MatchProposed", aggregate)));
            assertEquals(near, proposal.payload().get("volunteerId").asLong());
            List<Map<String, Object>> offers = volunteer.list("/api/volunteers/" + near + "/offers?status=PENDING");
            assertEquals(1, offers.size());
            long offerId = ((Number) offers.get(0).get("offerId")).longValue();
            assertEquals("兴华南里2号楼", offers.get(0).get("approximatePlace"), "only the building before accepting");
            assertTrue(admin.list("/api/volunteers/" + far + "/offers").isEmpty());
            assertTrue(admin.list("/api/volunteers/" + nearerButOffDuty + "/offers").isEmpty());

            // the notifier pushed the offer to the volunteer's SSE stream
            await().atMost(Duration.ofSeconds(20)).until(() -> pushed.stream().anyMatch(e -> "OfferMade".equals(e.getName())));
            Event<JsonNode> push = pushed.stream().filter(e -> "OfferMade".equals(e.getName())).findFirst().orElseThrow();
            assertEquals(offerId, push.getData().get("offerId").asLong());
            assertTrue(push.getData().get("text").asText().contains("代购药品"), push.getData().toString());

            Map<String, Object> job = volunteer.post("/api/offers/" + offerId + "/accept", Map.of());
            assertEquals("ASSIGNED", job.get("status"));
            assertEquals("兴华南里2号楼1单元502", job.get("address"), "the holder sees the full address");
            assertEquals("+8613900020002", job.get("phone"), "the holder sees the full number");
            assertEquals(1, ((Number) admin.get("/api/volunteers/" + near).get("activeJobs")).intValue());

            assertEquals("ON_SITE", volunteer.post("/api/needs/" + needId + "/arrival", Map.of()).get("status"));
            assertEquals("DONE", volunteer.post("/api/needs/" + needId + "/completion",
                    Map.of("summary", "药已送到")).get("status"));
            Map<String, Object> closed = operator.post("/api/needs/" + needId + "/feedback",
                    Map.of("rating", 5, "solved", true, "comment", "很满意"));
            assertEquals("CLOSED", closed.get("status"));
            assertEquals(5, ((Number) closed.get("rating")).intValue());
            assertEquals(0, ((Number) admin.get("/api/volunteers/" + near).get("activeJobs")).intValue());
            // the address and phone were the holder's only while holding the job
            HttpClientResponseException after = org.junit.jupiter.api.Assertions.assertThrows(
                    HttpClientResponseException.class, () -> volunteer.get("/api/volunteers/" + near + "/jobs/" + needId));
            assertEquals(409, after.getStatus().getCode());

            // the history lists every step with who and when, in order
            List<Map<String, Object>> history = admin.list("/api/needs/" + needId + "/history");
            assertEquals(List.of("NeedRaised", "MatchingStarted", "OfferMade", "OfferAccepted", "VolunteerArrived",
                    "NeedCompleted", "NeedClosed"), history.stream().map(h -> h.get("eventType")).toList());
            assertEquals(List.of("OPEN", "MATCHING", "OFFERED", "ASSIGNED", "ON_SITE", "DONE", "CLOSED"),
                    history.stream().map(h -> h.get("toStatus")).toList());
            Instant previous = Instant.MIN;
            for (Map<String, Object> h : history) {
                Instant at = Instant.parse((String) h.get("occurredAt"));
                assertTrue(!at.isBefore(previous), "history in time order: " + history);
                previous = at;
                assertTrue(h.get("actor") != null && !((String) h.get("actor")).isBlank());
            }

            // every state change went out through the outbox, in order, on the community's partition
            needs.await(TopicProbe.event("NeedClosed", aggregate));
            List<String> types = new ArrayList<>();
            for (String value : needs.values()) {
                EventEnvelope e = EventJson.read(value);
                if (e.aggregateId().equals(aggregate)) {
                    types.add(e.type());
                    assertEquals(COMMUNITY, e.communityId());
                }
            }
            assertEquals(List.of("NeedRaised", "MatchingStarted", "OfferMade", "OfferAccepted", "VolunteerArrived",
                    "NeedCompleted", "FeedbackReceived", "NeedClosed"), types);

            // the volunteer's load went up and down on the compacted resources topic
            resources.await(v -> v.contains("\"volunteerId\":" + near + ",") && v.contains("\"activeJobs\":1"));
            List<Integer> loads = resources.values().stream().map(EventJson::read)
                    .filter(e -> e.aggregateId().equals("volunteer-" + near))
                    .map(e -> e.payload().get("activeJobs").asInt()).toList();
            assertEquals(List.of(0, 1, 0), loads);
            // the contact details shown to the holder were audited
            assertTrue(admin.list("/api/audit").stream().anyMatch(a -> "VIEW_CONTACT".equals(a.get("action"))
                    && ("household:" + household).equals(a.get("subject"))));
        } finally {
            operator.close();
            volunteer.close();
            subscription.dispose();
            if (sse instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    @Test
    void health_reports_every_part_up() {
        JsonNode health = admin.json("/health");
        assertEquals("UP", health.get("status").asText());
        assertEquals("UP", health.at("/details/kafka/status").asText(), health.toString());
        assertEquals("UP", health.at("/details/jdbc/status").asText(), health.toString());
    }

    @Test
    void the_embedded_broker_takes_only_signed_in_clients_and_the_services_only_their_topics() throws Exception {
        // anyone on the machine can reach the port; without signing in there is no answer
        try (Admin anonymous = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1500))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> anonymous.listTopics().names().get(10, TimeUnit.SECONDS));
            assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, e.getCause());
        }
        // the services' principal, with the password generated into the data directory, cannot administer the broker
        Path file = data.resolve(Secrets.KAFKA_FILE);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        Properties passwords = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            passwords.load(in);
        }
        Map<String, Object> services = new HashMap<>(app.kafkaAdminConfig());
        services.putAll(BrokerSecurity.clientSettings(Standalone.SERVICES_PRINCIPAL, passwords.getProperty("services.password")));
        try (Admin onecall = Admin.create(services)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> onecall.createTopics(
                    List.of(new NewTopic("onecall.not-ours", 1, (short) 1))).all().get(10, TimeUnit.SECONDS));
            assertInstanceOf(AuthorizationException.class, e.getCause());
            e = assertThrows(ExecutionException.class, () -> onecall.deleteTopics(List.of(Topics.NEEDS)).all().get(10, TimeUnit.SECONDS));
            assertInstanceOf(AuthorizationException.class, e.getCause());
            // but it sees the topics it uses (the health check and the listeners sign in the same way)
            assertTrue(onecall.listTopics().names().get(10, TimeUnit.SECONDS).containsAll(List.of(Topics.NEEDS, Topics.MATCHES)));
        }
    }

    @Test
    void a_refused_step_answers_problem_json_and_changes_nothing() {
        HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
                () -> admin.post("/api/needs/999999/arrival", Map.of("volunteerId", 1)));
        assertEquals(404, e.getStatus().getCode());
        assertTrue(e.getResponse().getContentType().orElseThrow().toString().contains("problem+json"));
    }

    private long volunteer(String name, String phone, List<String> skills, double offset, boolean onDuty) {
        return Api.id(admin.post("/api/communities/" + COMMUNITY + "/volunteers", Map.of("name", name,
                "phone", phone, "skills", skills,
                "lat", LAT + offset, "lon", LON, "maxConcurrentJobs", 2, "onDuty", onDuty)));
    }

    private String status(long needId) {
        return (String) admin.get("/api/needs/" + needId).get("status");
    }

    private static EventEnvelope envelope(String json) {
        return EventJson.read(json);
    }
}
