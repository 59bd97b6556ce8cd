package org.onecall.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Drives the SMS simulator's admin API from a test: read a phone's texts, reply as it, make sends fail or lose their answers. */
public final class SimulatedPhones {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    public SimulatedPhones(String url) {
        this.url = url.replaceAll("/$", "");
    }

    /** What the phone received (IN) and sent (OUT), oldest first. */
    public List<JsonNode> messages(String phone) {
        List<JsonNode> out = new ArrayList<>();
        call("GET", "/admin/messages?phone=" + phone, null).forEach(out::add);
        return out;
    }

    /** The texts the phone received, oldest first. */
    public List<String> received(String phone) {
        return messages(phone).stream().filter(m -> m.path("direction").asText().equals("IN"))
                .map(m -> m.path("text").asText()).toList();
    }

    public String reply(String phone, String content) {
        return call("POST", "/admin/replies", Map.of("phone", phone, "content", content)).path("sequence_id").asText();
    }

    /** The next {@code times} sends to this number fail (the provider answers isp.SYSTEM_ERROR). */
    public void failNumber(String phone, int times) {
        call("POST", "/admin/failures", Map.of("phone", phone, "times", times));
    }

    /**
     * The next {@code times} sends to this number get no answer: the connection is held for
     * {@code hold}, then closed. {@code afterAccepting}: the phone gets the message all the same.
     */
    public void loseAnswers(String phone, boolean afterAccepting, Duration hold, int times) {
        call("POST", "/admin/lost-answers", Map.of("phone", phone, "when", afterAccepting ? "after-accepting"
                : "before-accepting", "millis", hold.toMillis(), "times", times));
    }

    /** QuerySendDetails for this number answers isp.SYSTEM_ERROR, the next {@code times} times. */
    public void failQueries(String phone, int times) {
        call("POST", "/admin/query-failures", Map.of("phone", phone, "times", times));
    }

    /** Receipts are pushed this long after a message is taken (and report that time). */
    public void delayReceipts(Duration delay) {
        call("POST", "/admin/delay", Map.of("millis", delay.toMillis()));
    }

    public void failShare(double share) {
        call("POST", "/admin/failures", Map.of("share", share));
    }

    public void reset() {
        call("POST", "/admin/reset", Map.of());
    }

    private JsonNode call(String method, String path, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path));
            b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body),
                    StandardCharsets.UTF_8)).header("Content-Type", "application/json");
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("SMS simulator answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
