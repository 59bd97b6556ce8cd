package org.onecall.kit.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Double-submit CSRF check for pages: a browser signed in with the session cookie must echo the
 * {@value #COOKIE} cookie in the {@value #HEADER} header on every state-changing request. A page
 * on another site can make the browser send the cookie, but cannot read it to copy it. Bearer-token
 * callers (apps, curl) are not exposed to CSRF and skip the check.
 */
@ServerFilter("/**")
class Csrf {

    static final String SESSION_COOKIE = "ONECALL_SESSION";
    static final String COOKIE = "XSRF-TOKEN";
    static final String HEADER = "X-XSRF-TOKEN";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        if (SAFE.contains(request.getMethod()) || request.getHeaders().getAuthorization().isPresent()
                || request.getCookies().findCookie(SESSION_COOKIE).isEmpty()) {
            return null;
        }
        Optional<String> cookie = request.getCookies().findCookie(COOKIE).map(Cookie::getValue);
        Optional<String> header = request.getHeaders().findFirst(HEADER);
        if (cookie.isPresent() && header.isPresent() && MessageDigest.isEqual(
                cookie.get().getBytes(StandardCharsets.UTF_8), header.get().getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return Problems.of(HttpStatus.FORBIDDEN, "missing or wrong " + HEADER + " header (CSRF protection)");
    }
}
