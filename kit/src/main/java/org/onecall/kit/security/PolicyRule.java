package org.onecall.kit.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.UriRouteInfo;
import io.micronaut.web.router.UriRouteMatch;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The one place every request is authorised: finds the route's line in the services' access
 * policies, checks the caller's role, then the scope (community, need, volunteer...). A route with
 * no line is refused, so an endpoint added without a decision is closed, not open.
 */
@Singleton
public class PolicyRule implements SecurityRule<HttpRequest<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyRule.class);

    private final Map<String, Access> rules = new HashMap<>();
    private final List<ScopeResolver> resolvers;

    PolicyRule(List<AccessPolicy> policies, List<ScopeResolver> resolvers) {
        for (AccessPolicy policy : policies) {
            for (Access access : policy.rules()) {
                Access previous = rules.put(access.key(), access);
                if (previous != null) {
                    throw new IllegalStateException("two access rules for " + access.key());
                }
            }
        }
        this.resolvers = resolvers;
    }

    public Optional<Access> ruleFor(String method, String template) {
        return Optional.ofNullable(rules.get(method + " " + template));
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, @Nullable Authentication authentication) {
        Optional<UriRouteMatch> match = request.getAttribute(HttpAttributes.ROUTE_MATCH, RouteMatch.class)
                .filter(UriRouteMatch.class::isInstance).map(UriRouteMatch.class::cast);
        if (match.isEmpty()) {
            // Not a route: a static file (dispatch-api's web pages under /console/, which hold no data) or
            // nothing at all (404). With micronaut.security.reject-not-found=false such a request passes;
            // every datum a page shows comes through routes, and each route is decided below.
            return Mono.just(SecurityRuleResult.UNKNOWN);
        }
        String template = template(match.get());
        // HEAD is GET without the body: the same decision
        String method = request.getMethodName().equals("HEAD") ? "GET" : request.getMethodName();
        Access access = rules.get(method + " " + template);
        if (access == null) {
            LOG.warn("no access rule for {} {}: refused", request.getMethodName(), template);
            return Mono.just(SecurityRuleResult.REJECTED);
        }
        if (access.scope() == Scope.PUBLIC) {
            return Mono.just(SecurityRuleResult.ALLOWED);
        }
        if (authentication == null) {
            return Mono.just(SecurityRuleResult.REJECTED);
        }
        Caller caller = Caller.from(authentication);
        if (!access.roles().contains(caller.role()) && caller.role() != Role.ADMIN) {
            return Mono.just(SecurityRuleResult.REJECTED);
        }
        if (caller.role() == Role.ADMIN || access.scope() == Scope.ROLE_ONLY || access.scope() == Scope.BODY) {
            return Mono.just(SecurityRuleResult.ALLOWED);
        }
        Object raw = match.get().getVariableValues().get(access.variable());
        String value = raw == null ? null : raw.toString();
        if (value == null) {
            return Mono.just(SecurityRuleResult.REJECTED);
        }
        // scope checks may read the database: never on the event loop
        return Mono.fromCallable(() -> inScope(access.scope(), value, caller) ? SecurityRuleResult.ALLOWED
                        : SecurityRuleResult.REJECTED)
                .subscribeOn(Schedulers.boundedElastic());
    }

    static String template(UriRouteMatch<?, ?> match) {
        String t = ((UriRouteInfo<?, ?>) match.getRouteInfo()).getUriMatchTemplate().toString();
        // query parts ({?status*}) are not part of the route's identity
        return t.replaceAll("\\{\\?[^}]*}", "");
    }

    private boolean inScope(Scope scope, String value, Caller caller) {
        if (scope == Scope.COMMUNITY) {
            return caller.role() != Role.VOLUNTEER && caller.serves(value);
        }
        if (scope == Scope.USERNAME) {
            return caller.username().equals(value);
        }
        if (caller.role() == Role.VOLUNTEER) {
            if (scope == Scope.VOLUNTEER) {
                return value.matches("[0-9]{1,18}") && caller.isVolunteer(Long.parseLong(value));
            }
            return caller.volunteerId() != null
                    && resolvers.stream().anyMatch(r -> r.volunteerMaySee(scope, value, caller.volunteerId()));
        }
        return resolvers.stream().map(r -> r.communityOf(scope, value)).flatMap(Optional::stream).findFirst()
                // a thing that does not exist is "not yours": 403 rather than telling what exists
                .map(caller::serves).orElse(false);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
