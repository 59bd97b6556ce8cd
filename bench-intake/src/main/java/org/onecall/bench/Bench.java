package org.onecall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.onecall.standalone.Standalone;

/** What both benchmarks share: the product started in-process, a signed-in HTTP client, percentiles. */
final class Bench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEMO_COMMUNITY = "xinghua-nanli";
    static final String DEMO_PASSWORD = "bench demo password";

    private Bench() {
    }

    /** The standalone product with the demo community, on this dispatch database URL (H2 or PostgreSQL). */
    static Standalone start(Path dir, String dispatchUrl, String user, String password) {
        return start(dir, dispatchUrl, user, password, Map.of());
    }

    /** As above, with {@code extra} settings winning over the benchmarks' own. */
    static Standalone start(Path dir, String dispatchUrl, String user, String password, Map<String, Object> extra) {
        Map<String, Object> props = new java.util.HashMap<>(Map.of(
                "micronaut.server.port", -1,
                "onecall.demo.enabled", true,
                "onecall.demo.password", DEMO_PASSWORD,
                "datasources.default.url", dispatchUrl,
                "datasources.default.username", user,
                "datasources.default.password", password,
                // 16 HTTP clients + the relay's connection + listeners
                "datasources.default.maximum-pool-size", 24,
                "datasources.notifier.url", "jdbc:h2:file:" + dir.resolve("notifier").toAbsolutePath()
                        + Standalone.H2_OPTIONS,
                "onecall.security.auth-requests-per-minute", 100_000));
        if (dispatchUrl.startsWith("jdbc:postgresql:")) {
            props.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        }
        props.putAll(extra);
        return Standalone.start(dir, 0, props);
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small HTTP client carrying a bearer token. */
    static final class Http {
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        final String base;
        String token;

        Http(String base) {
            this.base = base;
        }

        Http signIn(String username, String password) {
            token = null;
            token = post("/api/auth/login", Map.of("username", username, "password", password)).get("accessToken").asText();
            return this;
        }

        JsonNode post(String path, Object body) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path))
                    .POST(HttpRequest.BodyPublishers.ofString(write(body))).header("Content-Type", "application/json"));
            if (r.statusCode() >= 300) {
                throw new IllegalStateException("POST " + path + " -> " + r.statusCode() + " " + r.body());
            }
            return read(r.body());
        }

        JsonNode put(String path, Object body) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path))
                    .PUT(HttpRequest.BodyPublishers.ofString(write(body))).header("Content-Type", "application/json"));
            if (r.statusCode() >= 300) {
                throw new IllegalStateException("PUT " + path + " -> " + r.statusCode() + " " + r.body());
            }
            return read(r.body());
        }

        JsonNode get(String path) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + " " + r.body());
            }
            return read(r.body());
        }

        private HttpResponse<String> send(HttpRequest.Builder b) {
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            try {
                return client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Latency percentiles in milliseconds from nanosecond samples. */
    record Stats(long count, double p50, double p99, double max) {
        static Stats of(long[] nanos, int n) {
            long[] s = Arrays.copyOf(nanos, n);
            Arrays.sort(s);
            if (n == 0) {
                return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Stats(n, pct(s, 0.50), pct(s, 0.99), s[n - 1] / 1e6);
        }

        private static double pct(long[] sorted, double q) {
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }
    }

    /** A latency row for a benchmark's JSON line. */
    static Map<String, Object> json(Stats s) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("n", s.count());
        m.put("p50ms", round(s.p50(), 3));
        m.put("p99ms", round(s.p99(), 3));
        m.put("maxMs", round(s.max(), 3));
        return m;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
