package org.onecall.testsupport;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;

/**
 * In tests, a request sent without credentials goes as an admin, so feature tests need not sign
 * in; tests about access itself send their own Authorization header (or "none" to go anonymous:
 * {@code Authorization: none} is stripped and the request leaves without credentials).
 */
@ClientFilter(ClientFilter.MATCH_ALL_PATTERN)
@Requires(env = "test")
@Requires(property = "onecall.test.admin-by-default", notEquals = "false")
class AdminTokenByDefault {

    public static final String ANONYMOUS = "none";

    @RequestFilter
    void authorize(MutableHttpRequest<?> request) {
        String given = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (given == null) {
            request.bearerAuth(TestTokens.admin());
        } else if (ANONYMOUS.equals(given)) {
            request.getHeaders().remove(HttpHeaders.AUTHORIZATION);
        }
    }
}
