package org.onecall.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** dispatch-api over HTTP, as its clients use it: replies never throw, so tests can assert on errors too. */
public final class Api {

    public static final double LAT = 39.7275;
    public static final double LON = 116.3405;
    public static final String BUILDING = "兴华南里1号楼";
    public static final String ADDRESS = "北京市大兴区兴华南里1号楼2单元301";
    public static final String RESIDENT_PHONE = "13900020001";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingHttpClient http;

    public Api(HttpClient client) {
        this.http = client.toBlocking();
    }

    /** One HTTP answer: status, content type, the body as text and as JSON (missing when not JSON). */
    public record Reply(int status, String contentType, String raw, JsonNode body) {

        /** Asserts the status and returns the body. */
        public JsonNode expect(int expected) {
            assertEquals(expected, status, () -> "HTTP " + status + " " + raw);
            return body;
        }

        /** {@code errors[].field} of a problem+json body. */
        public List<String> fields() {
            List<String> fields = new ArrayList<>();
            body.path("errors").forEach(e -> fields.add(e.path("field").asText(null)));
            return fields;
        }

        /** {@code errors[].reason} of the error about this field, or null. */
        public String reason(String field) {
            for (JsonNode e : body.path("errors")) {
                if (field.equals(e.path("field").asText(null))) {
                    return e.path("reason").asText();
                }
            }
            return null;
        }
    }

    public Reply get(String path) {
        return send(HttpRequest.GET(path));
    }

    public Reply post(String path, Object body) {
        return postJson(path, json(body));
    }

    /** Posts exactly these characters as application/json. */
    public Reply postJson(String path, String body) {
        return send(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    /** Sends {@code body} as JSON with someone else's token. */
    public Reply as(String token, String method, String path, Object body) {
        MutableHttpRequest<?> request = HttpRequest.create(io.micronaut.http.HttpMethod.valueOf(method), path)
                .bearerAuth(token);
        return send(body == null ? request : request.body(json(body)).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    /** Sends exactly these characters as application/json with any method. */
    public Reply sendJson(String method, String path, String body) {
        return send(HttpRequest.create(io.micronaut.http.HttpMethod.valueOf(method), path)
                .body(body).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    /** Puts exactly these characters as application/json. */
    public Reply putJson(String path, String body) {
        return send(HttpRequest.PUT(path, body).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    public Reply put(String path, Object body) {
        return send(HttpRequest.PUT(path, json(body)).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    /** As someone else than the default admin: {@code token} a bearer token (TestTokens), or "none". */
    public Reply getAs(String token, String path) {
        return send(HttpRequest.GET(path).header("Authorization", bearer(token)));
    }

    public Reply postAs(String token, String path, Object body) {
        return send(HttpRequest.POST(path, json(body)).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Authorization", bearer(token)));
    }

    private static String bearer(String token) {
        return token.equals("none") ? token : "Bearer " + token;
    }

    private Reply send(MutableHttpRequest<?> request) {
        HttpResponse<?> response;
        String raw;
        try {
            HttpResponse<String> ok = http.exchange(request, Argument.STRING, Argument.STRING);
            response = ok;
            raw = ok.getBody().orElse("");
        } catch (HttpClientResponseException e) {
            response = e.getResponse();
            raw = e.getResponse().getBody(String.class).orElse("");
        }
        return new Reply(response.code(), response.getContentType().map(MediaType::toString).orElse(null), raw,
                parse(raw));
    }

    // ---- fixtures: the operator's and volunteers' everyday calls ----

    /** A new community with a random id, so no two tests share one. */
    public String community() {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 12);
        post("/api/communities", Map.of("id", id, "name", "测试社区 " + id)).expect(201);
        return id;
    }

    public long household(String community) {
        return household(community, Map.of()).expect(201).get("id").asLong();
    }

    /** Registers a household from a valid body with {@code changes} applied. */
    public Reply household(String community, Map<String, Object> changes) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("headName", "赵大爷", "phone", RESIDENT_PHONE,
                "building", BUILDING, "address", ADDRESS, "grid", "grid-1", "lat", LAT, "lon", LON));
        body.putAll(changes);
        return post("/api/communities/" + community + "/households", body);
    }

    private static final java.util.concurrent.atomic.AtomicInteger VOLUNTEER_PHONES =
            new java.util.concurrent.atomic.AtomicInteger(10000);

    public long volunteer(String community) {
        return volunteer(community, true, 2);
    }

    /** A volunteer with a phone of their own: a community registers each phone once. */
    public long volunteer(String community, boolean onDuty, int maxJobs) {
        return post("/api/communities/" + community + "/volunteers", Map.of("name", "李建国",
                "phone", "138 " + String.format("%08d", VOLUNTEER_PHONES.incrementAndGet()), "skills", List.of("MEDICINE", "ERRANDS"), "lat", LAT + 0.001,
                "lon", LON, "maxConcurrentJobs", maxJobs, "onDuty", onDuty)).expect(201).get("id").asLong();
    }

    public JsonNode volunteerState(long volunteerId) {
        return get("/api/volunteers/" + volunteerId).expect(200);
    }

    public void duty(long volunteerId, boolean onDuty) {
        put("/api/volunteers/" + volunteerId + "/duty", Map.of("onDuty", onDuty)).expect(200);
    }

    /** Raises a medicine errand for the household and returns the new need. */
    public JsonNode raise(long householdId) {
        return raise(householdId, "代购降压药两盒").expect(201);
    }

    public Reply raise(long householdId, String description) {
        return raiseWith(Map.of("householdId", householdId, "description", description));
    }

    /** Raises a need from a valid body with {@code changes} applied; a null value leaves the field out. */
    public Reply raiseWith(Map<String, Object> changes) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("category", "MEDICINE", "urgency", "TODAY",
                "description", "代购降压药两盒",
                // MEDICINE needs its list (or a prescription note); separate: every call is a new need here
                "items", List.of(Map.of("name", "降压药", "quantity", 2, "unit", "盒")), "separate", true));
        body.putAll(changes);
        body.values().removeIf(v -> v == null);
        return post("/api/needs", body);
    }

    public JsonNode need(long needId) {
        return get("/api/needs/" + needId).expect(200);
    }

    public List<JsonNode> history(long needId) {
        List<JsonNode> lines = new ArrayList<>();
        get("/api/needs/" + needId + "/history").expect(200).forEach(lines::add);
        return lines;
    }

    /** The volunteer's offers with this status (null: all), newest first. */
    public List<JsonNode> offers(long volunteerId, String status) {
        List<JsonNode> offers = new ArrayList<>();
        get("/api/volunteers/" + volunteerId + "/offers" + (status == null ? "" : "?status=" + status)).expect(200)
                .forEach(offers::add);
        return offers;
    }

    public Reply accept(long offerId, long volunteerId) {
        return post("/api/offers/" + offerId + "/accept", Map.of("volunteerId", volunteerId));
    }

    public Reply decline(long offerId, long volunteerId, String reason) {
        return post("/api/offers/" + offerId + "/decline", Map.of("volunteerId", volunteerId, "reason", reason));
    }

    public Reply job(long volunteerId, long needId) {
        return get("/api/volunteers/" + volunteerId + "/jobs/" + needId);
    }

    public Reply arrive(long needId, long volunteerId) {
        return post("/api/needs/" + needId + "/arrival", Map.of("volunteerId", volunteerId));
    }

    public Reply complete(long needId, long volunteerId) {
        return post("/api/needs/" + needId + "/completion", Map.of("volunteerId", volunteerId,
                "summary", "药已送到，老人已收"));
    }

    public Reply feedback(long needId, int rating, boolean solved) {
        return post("/api/needs/" + needId + "/feedback", Map.of("rating", rating, "solved", solved,
                "comment", solved ? "很满意" : "药买错了"));
    }

    public Reply cancel(long needId, String reason) {
        return post("/api/needs/" + needId + "/cancellation", Map.of("reason", reason));
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static JsonNode parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
