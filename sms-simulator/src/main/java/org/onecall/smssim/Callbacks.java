package org.onecall.smssim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.onecall.kit.sms.CallbackSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes SmsReport receipts and SmsUp replies to the configured URLs as JSON arrays, signed with
 * the callback secret, and retries like the provider does (there after 1, 5 and 10 minutes; here
 * after the configured, much shorter, steps) until the receiver answers {@code {"code":0}}.
 */
final class Callbacks {

    private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json;
    private final ScheduledExecutorService scheduler;
    private final String secret;
    private final List<Duration> retries;

    Callbacks(ObjectMapper json, ScheduledExecutorService scheduler, String secret, List<Duration> retries) {
        this.json = json;
        this.scheduler = scheduler;
        this.secret = secret;
        this.retries = retries;
    }

    /** Sends {@code items} to the URL the supplier gives at sending time (it may be set after start). */
    void push(Supplier<String> url, List<?> items, Duration after) {
        String body;
        try {
            body = json.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        scheduler.schedule(() -> attempt(url, body, 0), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void attempt(Supplier<String> url, String body, int attempt) {
        String target = url.get();
        if (target == null || target.isBlank()) {
            return;
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(target))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header(CallbackSignature.HEADER, CallbackSignature.of(secret, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && json.readTree(response.body()).path("code").asInt(-1) == 0) {
                return;
            }
            LOG.warn("callback {} answered {} {}", target, response.statusCode(), response.body());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            LOG.warn("callback {} failed: {}", target, e.toString());
        }
        if (attempt < retries.size() && !scheduler.isShutdown()) {
            scheduler.schedule(() -> attempt(url, body, attempt + 1), retries.get(attempt).toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
