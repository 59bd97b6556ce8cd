package org.onecall.kit.security;

import io.micronaut.http.HttpMethod;
import java.util.EnumSet;
import java.util.Set;

/** One line of an access policy: who may call {@code method template}, and over what. */
public record Access(HttpMethod method, String template, Set<Role> roles, Scope scope, String variable) {

    public static Access of(HttpMethod method, String template, Scope scope, Role... roles) {
        return new Access(method, template, roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles),
                scope, defaultVariable(scope, template));
    }

    public static Access open(HttpMethod method, String template) {
        return new Access(method, template, EnumSet.noneOf(Role.class), Scope.PUBLIC, null);
    }

    public String key() {
        return method + " " + template;
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
