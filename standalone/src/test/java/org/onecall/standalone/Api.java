package org.onecall.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.onecall.events.EventJson;

/** A thin JSON-over-HTTP helper for driving the product the way curl in the README does. */
final class Api implements AutoCloseable {

    private final HttpClient client;
    private final BlockingHttpClient http;

    Api(String baseUrl) {
        try {
            this.client = HttpClient.create(new URL(baseUrl));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(baseUrl, e);
        }
        this.http = client.toBlocking();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> post(String path, Map<String, ?> body) {
        return http.retrieve(HttpRequest.POST(path, body), Map.class);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> get(String path) {
        return http.retrieve(HttpRequest.GET(path), Map.class);
    }

    /** As a tree: nested maps from the generic client may come back as Scala maps (kafka's jackson-module-scala). */
    JsonNode json(String path) {
        try {
            return EventJson.MAPPER.readTree(http.retrieve(HttpRequest.GET(path), String.class));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    List<Map<String, Object>> list(String path) {
        return http.retrieve(HttpRequest.GET(path), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    static long id(Map<String, Object> entity) {
        return ((Number) entity.get("id")).longValue();
    }

    @Override
    public void close() {
        client.close();
    }
}
