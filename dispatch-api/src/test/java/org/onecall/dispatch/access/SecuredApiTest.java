package org.onecall.dispatch.access;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.testsupport.KafkaBrokerExtension;

/** Shared set-up for access tests: a broker, an H2 database of its own, and a raw HTTP client. */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecuredApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers());
        // any free port: the "dispatch" environment's 8080 may be taken by ./run or another build
        p.put("micronaut.server.port", "-1");
        p.putAll(database());
        p.putAll(extraProperties());
        return p;
    }

    /** H2 by default; the ...PostgresTest subclasses run the same tests on a real PostgreSQL. */
    Map<String, String> database() {
        return Map.of("datasources.default.url", "jdbc:h2:mem:" + getClass().getSimpleName() + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    Map<String, String> extraProperties() {
        return Map.of();
    }

    /** Sends as whoever {@code token} is ("none" = anonymous) and returns the response, error or not. */
    HttpResponse<String> send(MutableHttpRequest<?> request, String token) {
        request.header("Authorization", "none".equals(token) ? "none" : "Bearer " + token);
        try {
            return client.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> response = (HttpResponse<String>) e.getResponse();
            return response;
        }
    }

    /** As the test admin (the default client filter). */
    @SuppressWarnings("unchecked")
    Map<String, Object> post(String path, Object body) {
        return client.toBlocking().retrieve(HttpRequest.POST(path, body), Map.class);
    }

    /** Nested objects read as a tree: the generic client may bind them to Scala maps (kafka's jackson-module-scala). */
    com.fasterxml.jackson.databind.JsonNode postTree(String path, Object body) {
        try {
            return org.onecall.events.EventJson.MAPPER.readTree(client.toBlocking().retrieve(HttpRequest.POST(path, body),
                    String.class));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> get(String path) {
        return client.toBlocking().retrieve(HttpRequest.GET(path), Map.class);
    }

    List<Map<String, Object>> list(String path) {
        return client.toBlocking().retrieve(HttpRequest.GET(path), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    /** A dry-run import of a one-line spreadsheet, as the admin: its job id. */
    String importJob(String community) {
        byte[] csv = "姓名,手机号,技能\n张三,13800000000,送餐\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        Map<String, Object> job = client.toBlocking().retrieve(HttpRequest.POST(
                "/api/communities/" + community + "/imports/volunteers?dryRun=true", csv)
                .contentType("text/csv"), Map.class);
        return (String) job.get("id");
    }

    static long id(Map<String, Object> m) {
        return ((Number) m.get("id")).longValue();
    }
}
