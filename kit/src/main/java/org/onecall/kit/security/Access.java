package org.onecall.kit.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import java.util.EnumSet;
import java.util.Set;

/**
 * One line of an access policy: who may call {@code method template}, and over what. {@code grids}
 * says what a grid-limited caller (a grid leader) may do on this route; {@code budget} which rate
 * limit a public route draws on (null for signed-in routes).
 */
public record Access(HttpMethod method, String template, Set<Role> roles, Scope scope, String variable,
                     GridRule grids, @Nullable RateBudget budget, @Nullable String note) {

    /** What a caller limited to some grids of their community may do on a route. */
    public enum GridRule {
        /**
         * The default. A household-bound thing (household, need, micro-wish, offer) only in the
         * caller's grids; a community-wide thing (volunteer, team, merchant, project, settings) may
         * be read (grid leaders dispatch across grids) but not changed.
         */
        OWN_GRIDS,
        /** The request body names the household (or grid); the service checks it is in the caller's grids. */
        BODY,
        /** A list of the community: only entries of the caller's grids are returned. */
        FILTERED
    }

    /** The per-address rate limit a public route draws on (kit's {@code RateLimit}). */
    public enum RateBudget {
        /** sign-in and one-time codes: guessing passwords, flooding phones with SMS */
        SIGN_IN,
        /** every other public route (health, the API description) */
        PUBLIC,
        /**
         * a partner's signed callback (the SMS provider's receipts and replies, the phone system's calls):
         * one address sends in bursts (a receipt for every text of a broadcast), and the route checks a
         * signature or token first
         */
        CALLBACK
    }

    public static Access of(HttpMethod method, String template, Scope scope, Role... roles) {
        return new Access(method, template, roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles),
                scope, defaultVariable(scope, template), GridRule.OWN_GRIDS, null, null);
    }

    /** Anyone, signed in or not, within the per-address budget for public routes. */
    public static Access open(HttpMethod method, String template) {
        return new Access(method, template, EnumSet.noneOf(Role.class), Scope.PUBLIC, null, GridRule.OWN_GRIDS,
                RateBudget.PUBLIC, null);
    }

    /**
     * A partner system that proves itself in the request (an HMAC of the body, its own token), on the
     * callback budget: a provider's burst of receipts must not be turned away like an anonymous flood.
     */
    public static Access callback(HttpMethod method, String template) {
        return new Access(method, template, EnumSet.noneOf(Role.class), Scope.PUBLIC, null, GridRule.OWN_GRIDS,
                RateBudget.CALLBACK, null);
    }

    /** Anyone, within the tighter per-address sign-in budget. */
    public static Access signIn(HttpMethod method, String template) {
        return new Access(method, template, EnumSet.noneOf(Role.class), Scope.PUBLIC, null, GridRule.OWN_GRIDS,
                RateBudget.SIGN_IN, null);
    }

    /** The service checks the grid of the household the body names. */
    public Access gridInBody() {
        return new Access(method, template, roles, scope, variable, GridRule.BODY, budget, note);
    }

    /** The service returns only the caller's grids' entries. */
    public Access filteredByGrid() {
        return new Access(method, template, roles, scope, variable, GridRule.FILTERED, budget, note);
    }

    /** A remark for the endpoint list (docs/access.md), e.g. what the service narrows. */
    public Access note(String remark) {
        return new Access(method, template, roles, scope, variable, grids, budget, remark);
    }

    public String key() {
        return method + " " + template;
    }

    /**
     * Whether a grid-limited caller who serves {@code place} may go on: a household-bound place was
     * already checked against their grids; on a community-wide place they read, and write only
     * where the service checks the body's household.
     */
    boolean gridAllows(Place place) {
        return place.householdBound() || method == HttpMethod.GET || grids != GridRule.OWN_GRIDS;
    }

    private static String defaultVariable(Scope scope, String template) {
        return switch (scope) {
            case COMMUNITY -> template.contains("{communityId}") ? "communityId" : "id";
            case NEED -> template.contains("{needId}") ? "needId" : "id";
            case VOLUNTEER -> template.contains("{volunteerId}") ? "volunteerId" : "id";
            case HOUSEHOLD -> template.contains("{householdId}") ? "householdId" : "id";
            case OFFER -> template.contains("{offerId}") ? "offerId" : "id";
            case WISH, MERCHANT, IMPORT -> "id";
            case TEAM -> template.contains("{teamId}") ? "teamId" : "id";
            case USERNAME -> "name";
            default -> null;
        };
    }
}
