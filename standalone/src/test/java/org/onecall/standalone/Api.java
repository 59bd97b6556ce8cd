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

    /** The password of the staff accounts {@link #newStaff} makes. */
    static final String STAFF_PASSWORD = "a staff password for the tests";

    private final String baseUrl;
    private final HttpClient client;
    private final BlockingHttpClient http;
    private volatile String token;

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
        try {
            this.client = HttpClient.create(new URL(baseUrl));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(baseUrl, e);
        }
        this.http = client.toBlocking();
    }

    /** Signs in with a password; later calls carry the token. */
    Api signIn(String username, String password) {
        token = null;
        token = (String) post("/api/auth/login", Map.of("username", username, "password", password)).get("accessToken");
        return this;
    }

    /** Signs in with an SMS code, read back from the simulated carrier by {@code admin}. */
    Api signInBySms(String phone, Api admin) {
        token = null;
        post("/api/auth/code", Map.of("phone", phone));
        String sms = admin.list("/api/sms?phone=" + phone).get(0).get("body").toString();
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("验证码是 (\\d{6})").matcher(sms);
        if (!code.find()) {
            throw new AssertionError("no code in " + sms);
        }
        token = (String) post("/api/auth/code/login", Map.of("phone", phone, "code", code.group(1))).get("accessToken");
        return this;
    }

    /** As an admin: a staff account of one community, and a client signed in as it. */
    Api newStaff(String username, String displayName, String role, String community) {
        post("/api/accounts", Map.of("username", username, "displayName", displayName, "role", role,
                "communities", List.of(community), "password", STAFF_PASSWORD));
        return new Api(baseUrl).signIn(username, STAFF_PASSWORD);
    }

    String token() {
        return token;
    }

    private <T> io.micronaut.http.MutableHttpRequest<T> auth(io.micronaut.http.MutableHttpRequest<T> request) {
        return token == null ? request : request.bearerAuth(token);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> post(String path, Map<String, ?> body) {
        return http.retrieve(auth(HttpRequest.POST(path, body)), Map.class);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> put(String path, Map<String, ?> body) {
        return http.retrieve(auth(HttpRequest.PUT(path, body)), Map.class);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> get(String path) {
        return http.retrieve(auth(HttpRequest.GET(path)), Map.class);
    }

    /** As a tree: nested maps from the generic client may come back as Scala maps (kafka's jackson-module-scala). */
    JsonNode json(String path) {
        try {
            return EventJson.MAPPER.readTree(http.retrieve(auth(HttpRequest.GET(path)), String.class));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    List<Map<String, Object>> list(String path) {
        return http.retrieve(auth(HttpRequest.GET(path)), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    static long id(Map<String, Object> entity) {
        return ((Number) entity.get("id")).longValue();
    }

    @Override
    public void close() {
        client.close();
    }
}
