package org.onecall.kit.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-address token bucket on the public endpoints (sign-in, one-time codes), so a password or
 * code cannot be guessed at speed and SMS cannot be used to flood a phone. Only attempts count:
 * reading who is signed in ({@code GET /api/auth/me}, which every web page does as it opens) is
 * not one, and must not use up the budget of the sign-ins.
 */
@ServerFilter("/api/auth/**")
class RateLimit implements Ordered {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int perMinute;
    private final Clock clock;

    RateLimit(@Value("${onecall.security.auth-requests-per-minute:20}") int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.POST) {
            return null;
        }
        String client = request.getRemoteAddress().getAddress() == null ? "unknown"
                : request.getRemoteAddress().getAddress().getHostAddress();
        if (buckets.size() > 100_000) {
            buckets.clear(); // bounded memory under an address-spraying attack; limits restart briefly
        }
        Bucket bucket = buckets.computeIfAbsent(client, k -> new Bucket(perMinute, clock.millis()));
        long waitSeconds = bucket.take(perMinute, clock.millis());
        if (waitSeconds == 0) {
            return null;
        }
        return Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too many attempts from this address; try again in "
                + waitSeconds + " s").header("Retry-After", String.valueOf(waitSeconds));
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.last = now;
        }

        /** Takes one token; returns 0 when granted, else the seconds until the next token. */
        synchronized long take(int perMinute, long now) {
            tokens = Math.min(perMinute, tokens + (now - last) * perMinute / 60_000d);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) * 60d / perMinute));
        }
    }
}
