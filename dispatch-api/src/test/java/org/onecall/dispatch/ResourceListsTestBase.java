package org.onecall.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.events.EventJson;
import org.onecall.testsupport.KafkaBrokerExtension;

/**
 * Base of the resource-list tests (issue 4): dispatch-api on the shared test broker and a fresh
 * database (H2 in memory unless a subclass says otherwise), driven over HTTP with JSON trees.
 */
@MicronautTest(environments = DispatchApi.ENVIRONMENT, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(KafkaBrokerExtension.class)
public abstract class ResourceListsTestBase implements TestPropertyProvider {

    @Inject
    @Client("/")
    protected HttpClient http;

    protected Map<String, String> database() {
        return Map.of("datasources.default.url", "jdbc:h2:mem:res" + UUID.randomUUID().toString().replace("-", "")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "datasources.default.username", "sa", "datasources.default.password", "");
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(database());
        p.put("kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers());
        // application-dispatch.yml asks for 8080, which a running service may hold
        p.put("micronaut.server.port", "-1");
        p.put("onecall.demo.enabled", "false");
        return p;
    }

    protected String newCommunity() {
        String id = "c-" + UUID.randomUUID().toString().substring(0, 8);
        post("/api/communities", Map.of("id", id, "name", "测试社区 " + id));
        return id;
    }

    protected JsonNode get(String path) {
        return send(HttpRequest.GET(path));
    }

    protected JsonNode post(String path, Object body) {
        return send(HttpRequest.POST(path, body));
    }

    protected JsonNode put(String path, Object body) {
        return send(HttpRequest.PUT(path, body));
    }

    protected JsonNode send(MutableHttpRequest<?> request) {
        HttpResponse<String> response = http.toBlocking().exchange(request, String.class);
        return tree(response.body());
    }

    /** The problem+json of a refused request, with its status. */
    protected record Problem(int status, JsonNode body) {
    }

    protected Problem refused(MutableHttpRequest<?> request) {
        try {
            http.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            return new Problem(e.getStatus().getCode(), tree(e.getResponse().getBody(Argument.STRING).orElse("{}")));
        }
        throw new AssertionError("expected " + request.getPath() + " to be refused");
    }

    protected static MutableHttpRequest<byte[]> upload(String path, byte[] file, MediaType type) {
        return HttpRequest.POST(path, file).contentType(type);
    }

    protected static JsonNode tree(String json) {
        try {
            return EventJson.MAPPER.readTree(json == null || json.isEmpty() ? "null" : json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
