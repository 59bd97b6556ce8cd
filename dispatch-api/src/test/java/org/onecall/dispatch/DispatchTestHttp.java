package org.onecall.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.onecall.events.EventJson;
import org.onecall.testsupport.KafkaBrokerExtension;

/**
 * JSON over HTTP for dispatch-api tests, answers read as trees (the generic client may hand back Scala
 * maps because kafka's jackson-module-scala is on the classpath), errors as replies, not exceptions.
 */
public final class DispatchTestHttp {

    public record Reply(int status, JsonNode body, HttpHeaders headers) {
        public long id() {
            return body.get("id").asLong();
        }

        /** The first problem's field, e.g. {@code items[0].name}. */
        public String field() {
            return body.path("errors").path(0).path("field").asText();
        }
    }

    private final HttpClient client;

    public DispatchTestHttp(HttpClient client) {
        this.client = client;
    }

    public Reply post(String path, Object body) {
        return send(HttpRequest.POST(path, body));
    }

    public Reply put(String path, Object body) {
        return send(HttpRequest.PUT(path, body));
    }

    public Reply get(String path) {
        return send(HttpRequest.GET(path));
    }

    public Reply send(MutableHttpRequest<?> request) {
        try {
            HttpResponse<String> r = client.toBlocking().exchange(request, String.class);
            return new Reply(r.code(), parse(r.body()), r.getHeaders());
        } catch (HttpClientResponseException e) {
            return new Reply(e.code(), parse(e.getResponse().getBody(String.class).orElse(null)),
                    e.getResponse().getHeaders());
        }
    }

    /** A community and one household in it; returns the household id. */
    public long household(String communityId, String phone) {
        post("/api/communities", Map.of("id", communityId, "name", "测试社区 " + communityId));
        Reply h = post("/api/communities/" + communityId + "/households", Map.of("headName", "赵大爷",
                "phone", phone, "building", "1号楼", "address", "1号楼2单元301", "lat", 39.7275, "lon", 116.3405));
        if (h.status() != 201) {
            throw new AssertionError("household not created: " + h);
        }
        return h.id();
    }

    /** Properties for a test context on the shared broker and its own in-memory H2 database. */
    public static Map<String, String> h2AndKafka() {
        return Map.of("kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers(),
                "datasources.default.url", "jdbc:h2:mem:" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "datasources.default.username", "sa",
                "datasources.default.password", "",
                "micronaut.server.port", "-1");
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return EventJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** A clock tests can move forward, to see what becomes late. */
    public static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
