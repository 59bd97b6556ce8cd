package org.onecall.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notifier's calls to dispatch-api, signed in as a service (a short-lived token with the SERVICE
 * role, signed with the secret the services share): phone numbers never travel on Kafka, so the
 * number for one SMS is read here, and each read is audited there; SMS replies are handed over for
 * dispatch-api, which knows whose number it is, to act on.
 */
@Singleton
class DispatchDirectory {

    static final String SERVICE_NAME = "service-notifier";

    private final JwtTokenGenerator tokens;
    private final Provider<EmbeddedServer> server;
    private final String configuredUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json = new ObjectMapper();

    DispatchDirectory(JwtTokenGenerator tokens, Provider<EmbeddedServer> server,
                      @Value("${onecall.notifier.dispatch-url:}") String configuredUrl) {
        this.tokens = tokens;
        this.server = server;
        this.configuredUrl = configuredUrl;
    }

    /** The full number of a recipient ("volunteer-N", "household-N", "staff-username"), empty when there is none to text. */
    Optional<String> phoneOf(String recipient) {
        String path;
        if (recipient.startsWith(Deliveries.VOLUNTEER)) {
            path = "/api/service/volunteers/" + recipient.substring(Deliveries.VOLUNTEER.length()) + "/contact";
        } else if (recipient.startsWith(Deliveries.STAFF)) {
            path = "/api/service/accounts/" + java.net.URLEncoder.encode(recipient.substring(Deliveries.STAFF.length()),
                    StandardCharsets.UTF_8) + "/contact";
        } else if (recipient.startsWith(Deliveries.HOUSEHOLD)) {
            path = "/api/service/households/" + recipient.substring(Deliveries.HOUSEHOLD.length()) + "/sms-contact";
        } else {
            return Optional.empty();
        }
        String phone = call(HttpRequest.newBuilder(uri(path)).GET()).path("phone").asText("");
        return phone.isBlank() || phone.equals("null") ? Optional.empty() : Optional.of(phone);
    }

    /** What dispatch-api tells a household about a need, and whether by SMS or as the call-back task it raised. */
    record ResidentNotice(long householdId, String text, boolean sms, Long callbackId) {
    }

    /** {@code volunteerId}: whom the household expected, for a delay; null otherwise. */
    ResidentNotice residentNotice(long needId, String about, String eventId, Long volunteerId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("eventId", eventId, "about", about));
        if (volunteerId != null) {
            body.put("volunteerId", volunteerId);
        }
        JsonNode r = post("/api/service/needs/" + needId + "/resident-notices", body);
        return new ResidentNotice(r.path("householdId").asLong(), r.path("text").asText(), r.path("sms").asBoolean(),
                r.path("callbackId").isNumber() ? r.path("callbackId").asLong() : null);
    }

    /** Names for a staff notice (ServiceNamesController); each null where the id names nothing or was not asked. */
    record Names(String needHousehold, String needCategory, String volunteer, String household) {
    }

    Names names(Long needId, Long volunteerId, Long householdId) {
        StringBuilder query = new StringBuilder();
        for (var part : new Object[][] {{"needId", needId}, {"volunteerId", volunteerId}, {"householdId", householdId}}) {
            if (part[1] != null) {
                query.append(query.length() == 0 ? '?' : '&').append(part[0]).append('=').append(part[1]);
            }
        }
        JsonNode r = call(HttpRequest.newBuilder(uri("/api/service/names" + query)).GET());
        return new Names(text(r, "needHousehold"), text(r, "needCategory"), text(r, "volunteer"), text(r, "household"));
    }

    private static String text(JsonNode r, String field) {
        return r.path(field).isTextual() ? r.path(field).asText() : null;
    }

    /** An SMS notice that failed for good becomes a call-back task; answers its id. */
    long callback(long needId, String eventId, String reason, String message) {
        return post("/api/service/needs/" + needId + "/callbacks", Map.of("eventId", eventId, "reason", reason,
                "message", message)).path("id").asLong();
    }

    /** The communities of a street, for the scope of a street-wide coordinator. */
    List<String> communitiesOfStreet(String street) {
        JsonNode r = call(HttpRequest.newBuilder(uri("/api/service/streets/"
                + java.net.URLEncoder.encode(street, StandardCharsets.UTF_8).replace("+", "%20") + "/communities")).GET());
        List<String> communities = new java.util.ArrayList<>();
        r.path("communities").forEach(c -> communities.add(c.asText()));
        return communities;
    }

    private JsonNode post(String path, Map<String, ?> body) {
        try {
            return call(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What dispatch-api made of a reply: the answer to text back and the volunteer, if any. */
    record ReplyOutcome(String answer, Long volunteerId, Long needId, String communityId, boolean command,
                        boolean duplicate) {
    }

    ReplyOutcome handOver(String sequenceId, String phone, String content) {
        JsonNode r = post("/api/service/sms-replies", Map.of("sequenceId", sequenceId, "phone", phone, "content", content));
        return new ReplyOutcome(r.path("answer").asText(""), r.path("volunteerId").isNumber() ? r.path("volunteerId").asLong() : null,
                r.path("needId").isNumber() ? r.path("needId").asLong() : null,
                r.path("communityId").isTextual() ? r.path("communityId").asText() : null, r.path("command").asBoolean(),
                r.path("duplicate").asBoolean());
    }

    private JsonNode call(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + token()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new UncheckedIOException(new IOException("dispatch-api answered " + response.statusCode() + ": "
                        + response.body()));
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        }
    }

    private String token() {
        return tokens.generateToken(Authentication.build(SERVICE_NAME, List.of("SERVICE"), Map.of()), 300)
                .orElseThrow(() -> new IllegalStateException("cannot sign a service token"));
    }

    /** dispatch-api's address: configured (DISPATCH_URL), or this server when they run in one JVM (standalone). */
    private URI uri(String path) {
        String base = configuredUrl.isBlank() ? server.get().getURL().toString() : configuredUrl;
        return URI.create(base.replaceAll("/$", "") + path);
    }
}
