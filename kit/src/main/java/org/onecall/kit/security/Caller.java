package org.onecall.kit.security;

import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The authenticated person behind a request, as the token describes them. */
public record Caller(String username, Role role, Set<String> communities, Long volunteerId) {

    public static final String CLAIM_COMMUNITIES = "communities";
    public static final String CLAIM_VOLUNTEER = "volunteerId";

    public static Caller from(Authentication authentication) {
        Map<String, Object> attrs = authentication.getAttributes();
        Role role = authentication.getRoles().stream().findFirst().map(Role::valueOf).orElseThrow(
                () -> new IllegalStateException("authentication without a role"));
        Object volunteer = attrs.get(CLAIM_VOLUNTEER);
        Long volunteerId = volunteer instanceof Number n ? n.longValue() : null;
        return new Caller(authentication.getName(), role, asSet(attrs.get(CLAIM_COMMUNITIES)), volunteerId);
    }

    /** The attributes a token for this caller carries. */
    public Map<String, Object> claims() {
        return volunteerId == null ? Map.of(CLAIM_COMMUNITIES, List.copyOf(communities))
                : Map.of(CLAIM_COMMUNITIES, List.copyOf(communities), CLAIM_VOLUNTEER, volunteerId);
    }

    public boolean serves(String communityId) {
        return role == Role.ADMIN || communities.contains(communityId);
    }

    public boolean isVolunteer(long id) {
        return role == Role.VOLUNTEER && volunteerId != null && volunteerId == id;
    }

    private static Set<String> asSet(Object value) {
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
        }
        if (value instanceof String s && !s.isBlank()) {
            return Set.of(s.split(","));
        }
        return Set.of();
    }
}
