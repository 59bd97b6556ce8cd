package org.onecall.kit.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Headers that stop the browser from guessing types, framing our pages or leaking URLs. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class SecureHeaders {

    @ResponseFilter
    void add(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
        response.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; object-src 'none'; "
                + "frame-ancestors 'none'; base-uri 'self'");
        if (request.getPath().startsWith("/api/")) {
            // personal data: never kept by shared caches or the browser's back button
            response.header("Cache-Control", "no-store");
        }
    }
}
