package org.onecall.kit.security;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Headers that stop the browser from guessing types, framing our pages, leaking URLs or running injected script. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class SecureHeaders implements Ordered {

    /**
     * The pages (dispatch-api's /console/) load only their own files and talk only to their own
     * origin. No inline script or style, no eval, no plugins, no framing, no forms to elsewhere; and
     * Trusted Types with no policy, so the browser itself refuses any string assigned to innerHTML
     * and similar sinks: data can only reach a page as text. JSON answers get the same header
     * (harmless there, and one policy for everything is easier to keep right).
     */
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "font-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
            "require-trusted-types-for 'script'",
            "trusted-types 'none'");

    @ResponseFilter
    void add(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
        response.header("Cross-Origin-Opener-Policy", "same-origin");
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        String path = request.getPath();
        if (path.startsWith("/api/")) {
            // personal data: never kept by shared caches or the browser's back button
            response.getHeaders().set("Cache-Control", "no-store");
        } else if (path.startsWith("/console/")) {
            // the pages may be kept, but are checked again each time (Last-Modified), so an upgrade
            // never runs a new page with an old script
            response.getHeaders().set("Cache-Control", "no-cache");
        }
    }

    /**
     * Outermost of all filters: the security filter and the rate limit answer 401, 403 and 429
     * without calling the filters inside them, so headers added further in would be missing exactly
     * on the refusals.
     */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
