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
    private final Places places;

    PolicyRule(List<AccessPolicy> policies, Places places) {
        for (AccessPolicy policy : policies) {
            for (Access access : policy.rules()) {
                Access previous = rules.put(access.key(), access);
                if (previous != null) {
                    throw new IllegalStateException("two access rules for " + access.key());
                }
            }
        }
        this.places = places;
    }

    public Optional<Access> ruleFor(String method, String template) {
        return Optional.ofNullable(rules.get(method + " " + template));
    }

    /** The rule of the route a request was matched to, if it was matched and has one. */
    Optional<Access> ruleFor(HttpRequest<?> request) {
        return request.getAttribute(HttpAttributes.ROUTE_MATCH, RouteMatch.class)
                .filter(UriRouteMatch.class::isInstance).map(UriRouteMatch.class::cast)
                .flatMap(m -> ruleFor(method(request), template(m)));
    }

    private static String method(HttpRequest<?> request) {
        // HEAD is GET without the body: the same decision
        return request.getMethodName().equals("HEAD") ? "GET" : request.getMethodName();
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
        Access access = rules.get(method(request) + " " + template);
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
        Object id = access.scope().numeric() ? match.get().getVariableValues().get(access.variable()) : null;
        if (id != null && !id.toString().matches("[0-9]{1,18}")) {
            // "/api/needs/recurring" names no need and is no route, whoever asks: binding the id fails
            // before any code runs and answers 404, instead of a 403 that suggests something is there
            return Mono.just(SecurityRuleResult.ALLOWED);
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
        return Mono.fromCallable(() -> inScope(access, value, caller) ? SecurityRuleResult.ALLOWED
                        : SecurityRuleResult.REJECTED)
                .subscribeOn(Schedulers.boundedElastic());
    }

    static String template(UriRouteMatch<?, ?> match) {
        String t = ((UriRouteInfo<?, ?>) match.getRouteInfo()).getUriMatchTemplate().toString();
        // query parts ({?status*}) are not part of the route's identity
        return t.replaceAll("\\{\\?[^}]*}", "");
    }

    private boolean inScope(Access access, String value, Caller caller) {
        Scope scope = access.scope();
        if (scope == Scope.USERNAME) {
            return caller.username().equals(value);
        }
        if (caller.role() == Role.VOLUNTEER) {
            if (scope == Scope.COMMUNITY) {
                return false;
            }
            if (scope == Scope.VOLUNTEER) {
                return value.matches("[0-9]{1,18}") && caller.isVolunteer(Long.parseLong(value));
            }
            return caller.volunteerId() != null && places.volunteerMaySee(scope, value, caller.volunteerId());
        }
        Optional<Place> place = scope == Scope.COMMUNITY ? Optional.of(places.community(caller, value))
                : places.of(scope, value);
        // a thing that does not exist is "not yours": 403 rather than telling what exists
        return place.filter(caller::serves).filter(p -> !caller.gridLimited() || access.gridAllows(p)).isPresent();
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
