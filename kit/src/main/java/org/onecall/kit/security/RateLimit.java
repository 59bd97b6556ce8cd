package org.onecall.kit.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-address token buckets on every public route (whatever its policy line says is
 * {@link Scope#PUBLIC}): sign-in and one-time codes draw on a tight budget, so a password or code
 * cannot be guessed at speed and SMS cannot flood a phone; health checks and the API description
 * on a looser one of their own, so probes never lock anyone out of signing in and nobody can make
 * a service spend itself answering anonymous requests; partners' signed callbacks on a generous one,
 * since an SMS provider sends a burst of receipts from one address after a broadcast. Signed-in
 * routes are not limited here.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class RateLimit implements Ordered {

    private static final int MAX_ADDRESSES = 100_000;

    private final PolicyRule policy;
    private final Clock clock;
    private final Map<Access.RateBudget, Integer> perMinute = new EnumMap<>(Access.RateBudget.class);
    private final Map<Access.RateBudget, Map<String, Bucket>> buckets = new EnumMap<>(Access.RateBudget.class);

    RateLimit(PolicyRule policy, Clock clock,
              @Value("${onecall.security.auth-requests-per-minute:20}") int signInPerMinute,
              @Value("${onecall.security.public-requests-per-minute:120}") int publicPerMinute,
              @Value("${onecall.security.callback-requests-per-minute:6000}") int callbackPerMinute) {
        this.policy = policy;
        this.clock = clock;
        perMinute.put(Access.RateBudget.SIGN_IN, signInPerMinute);
        perMinute.put(Access.RateBudget.PUBLIC, publicPerMinute);
        perMinute.put(Access.RateBudget.CALLBACK, callbackPerMinute);
        for (Access.RateBudget b : Access.RateBudget.values()) {
            buckets.put(b, new ConcurrentHashMap<>());
        }
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        Optional<Access.RateBudget> budget = policy.ruleFor(request).map(Access::budget);
        if (budget.isEmpty()) {
            return null;
        }
        String client = request.getRemoteAddress().getAddress() == null ? "unknown"
                : request.getRemoteAddress().getAddress().getHostAddress();
        Map<String, Bucket> byClient = buckets.get(budget.get());
        if (byClient.size() > MAX_ADDRESSES) {
            byClient.clear(); // bounded memory under an address-spraying attack; limits restart briefly
        }
        int limit = perMinute.get(budget.get());
        Bucket bucket = byClient.computeIfAbsent(client, k -> new Bucket(limit, clock.millis()));
        long waitSeconds = bucket.take(limit, clock.millis());
        if (waitSeconds == 0) {
            return null;
        }
        String what = budget.get() == Access.RateBudget.SIGN_IN ? "sign-in attempts" : "requests";
        return Problems.of(HttpStatus.TOO_MANY_REQUESTS, "请求过于频繁，请 " + waitSeconds + " 秒后再试。Too many "
                + what + " from this address; try again in " + waitSeconds + " s.")
                .header("Retry-After", String.valueOf(waitSeconds));
    }

    @Override
    public int getOrder() {
        // inside SecureHeaders, so a 429 carries the secure headers too
        return HIGHEST_PRECEDENCE + 1;
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
