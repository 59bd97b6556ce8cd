package org.onecall.notifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.onecall.kit.sms.CallbackSignature;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.testsupport.KafkaBrokerExtension;
import org.onecall.testsupport.TestTokens;

/**
 * The notifier's authorization matrix: every route it serves × every role, against the volunteer
 * the route names (own) and another volunteer (other). A route without a row fails the test, so a
 * new endpoint cannot ship undecided. The SSE stream is asked with a plain client that reads only
 * the status line, so an allowed stream does not hold the test open.
 */
@MicronautTest(environments = {NotifierApp.ENVIRONMENT, "test"}, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(KafkaBrokerExtension.class)
class NotifierAccessMatrixTest implements TestPropertyProvider {

    private static final long OWN = 7;
    private static final long OTHER = 8;
    private static final String COMMUNITY = "matrix-a";

    /** y = allowed, n = denied; two letters per caller: on the volunteer they are (or serve), on another one. */
    private static final String EXPECTED = """
            GET /health                                      ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=yy ANON=yy
            GET /health/{selector}                           ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=yy ANON=yy
            GET /notify/volunteers/{volunteerId}/stream      ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=yn ANON=nn
            GET /notify/volunteers/{volunteerId}/deliveries  ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=yn ANON=nn
            GET /notify/volunteers/{volunteerId}/channels    ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=yn ANON=nn
            PUT /notify/volunteers/{volunteerId}/channels    ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=yn ANON=nn
            GET /notify/volunteers/{volunteerId}/log         ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=yn ANON=nn
            POST /notify/volunteers/{volunteerId}/deliveries/{eventId}/ack ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=yn ANON=nn
            GET /notify/needs/{needId}/log                   ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=nn ANON=nn
            POST /notify/sms/receipts                        ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=yy ANON=yy
            POST /notify/sms/replies                         ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=yy ANON=yy
            GET /notify/staff/notices                        ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=nn ANON=nn
            GET /notify/staff/stream                         ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=nn ANON=nn
            """;

    @Inject
    Router router;

    @Inject
    EmbeddedServer server;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers(),
                "datasources.notifier.url", DeliveryFlowTest.h2Url());
    }

    @Test
    void every_route_has_a_row() {
        Set<String> routes = router.uriRoutes().filter(r -> !r.getHttpMethodName().equals("HEAD"))
                .map(r -> r.getHttpMethodName() + " " + template(r))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(expectations().keySet());
        assertTrue(missing.isEmpty(), "routes with no row in the notifier's authorization matrix: " + missing);
        Set<String> stale = new TreeSet<>(expectations().keySet());
        stale.removeAll(routes);
        assertTrue(stale.isEmpty(), "matrix rows for routes that do not exist: " + stale);
    }

    @Test
    void every_route_answers_every_caller_as_the_matrix_says() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> row : expectations().entrySet()) {
            String method = row.getKey().split(" ", 2)[0];
            String path = row.getKey().split(" ", 2)[1];
            for (Map.Entry<String, String> cell : row.getValue().entrySet()) {
                for (int side = 0; side < 2; side++) {
                    long volunteer = side == 0 ? OWN : OTHER;
                    String url = path.replace("{volunteerId}", String.valueOf(volunteer)).replace("{selector}", "liveness")
                            .replace("{needId}", "1").replace("{eventId}", java.util.UUID.randomUUID().toString());
                    int status = status(method, url, token(cell.getKey()));
                    boolean allowed = status != 401 && status != 403;
                    boolean expected = cell.getValue().charAt(side) == 'y';
                    if (allowed != expected) {
                        wrong.add(row.getKey() + " as " + cell.getKey() + " on " + (side == 0 ? "own" : "other")
                                + ": expected " + (expected ? "allowed" : "denied") + ", got " + status);
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    private int status(String method, String path, String token) throws Exception {
        boolean stream = path.endsWith("/stream");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .timeout(Duration.ofSeconds(stream ? 3 : 10));
        if (path.startsWith("/notify/sms/")) {
            // the provider's callbacks are open to anyone who signs the body with the callback secret
            request.POST(HttpRequest.BodyPublishers.ofString("[]")).header("Content-Type", "application/json")
                    .header(CallbackSignature.HEADER, CallbackSignature.of(SmsCallbackTest.CALLBACK_SECRET, "[]"));
        } else if (method.equals("POST")) {
            request.POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json");
        } else if (method.equals("PUT")) {
            request.PUT(HttpRequest.BodyPublishers.ofString("{\"channels\":\"BOTH\"}")).header("Content-Type", "application/json");
        } else {
            request.GET();
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (HttpTimeoutException e) {
            if (!stream) {
                throw e;
            }
            // refusals are answered at once; an accepted SSE stream with nothing to replay sends its
            // status line only with the first event or keep-alive, so a stream still open is one let in
            return 200;
        }
    }

    private static String token(String caller) {
        return switch (caller) {
            case "ADMIN" -> TestTokens.admin();
            case "VOLUNTEER" -> TestTokens.volunteer(OWN, COMMUNITY);
            case "ANON" -> null;
            default -> TestTokens.staff(caller, List.of(COMMUNITY));
        };
    }

    private static String template(UriRouteInfo<?, ?> route) {
        return route.getUriMatchTemplate().toString().replaceAll("\\{\\?[^}]*}", "");
    }

    private static Map<String, Map<String, String>> expectations() {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line : EXPECTED.strip().split("\n")) {
            String[] parts = line.strip().split("\\s+");
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 2; i < parts.length; i++) {
                String[] kv = parts[i].split("=");
                cells.put(kv[0], kv[1]);
            }
            rows.put(parts[0] + " " + parts[1], cells);
        }
        return rows;
    }
}
