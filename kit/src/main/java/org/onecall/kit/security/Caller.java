package org.onecall.kit.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The authenticated person behind a request, as the token describes them. Scope is a ladder:
 * {@code communities} named one by one and/or every community of one {@code street} (resolved when
 * a request is checked, so a community put on the street later is served at once); {@code grids}
 * narrows a coordinator of one community to the households of those grids (a grid leader, 网格长).
 */
public record Caller(String username, Role role, Set<String> communities, @Nullable String street,
                     Set<String> grids, @Nullable Long volunteerId) {

    public static final String CLAIM_COMMUNITIES = "communities";
    public static final String CLAIM_STREET = "street";
    public static final String CLAIM_GRIDS = "grids";
    public static final String CLAIM_VOLUNTEER = "volunteerId";

    public Caller {
        communities = Set.copyOf(communities);
        grids = Set.copyOf(grids);
        street = street == null || street.isBlank() ? null : street;
    }

    /** A caller scoped to communities only (no street, no grids). */
    public Caller(String username, Role role, Set<String> communities, @Nullable Long volunteerId) {
        this(username, role, communities, null, Set.of(), volunteerId);
    }

    public static Caller from(Authentication authentication) {
        Map<String, Object> attrs = authentication.getAttributes();
        Role role = authentication.getRoles().stream().findFirst().map(Role::valueOf).orElseThrow(
                () -> new IllegalStateException("authentication without a role"));
        Object volunteer = attrs.get(CLAIM_VOLUNTEER);
        Long volunteerId = volunteer instanceof Number n ? n.longValue() : null;
        Object street = attrs.get(CLAIM_STREET);
        return new Caller(authentication.getName(), role, asSet(attrs.get(CLAIM_COMMUNITIES)),
                street instanceof String s ? s : null, asSet(attrs.get(CLAIM_GRIDS)), volunteerId);
    }

    /** The attributes a token for this caller carries. */
    public Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(CLAIM_COMMUNITIES, List.copyOf(communities));
        if (street != null) {
            claims.put(CLAIM_STREET, street);
        }
        if (!grids.isEmpty()) {
            claims.put(CLAIM_GRIDS, List.copyOf(grids));
        }
        if (volunteerId != null) {
            claims.put(CLAIM_VOLUNTEER, volunteerId);
        }
        return claims;
    }

    /**
     * Whether this caller serves that place: an admin everywhere; others in the communities they
     * are given or of their street; a grid-limited caller only households of their grids (a
     * household in no grid belongs to the community office, not to a grid leader).
     */
    public boolean serves(Place place) {
        if (role == Role.ADMIN) {
            return true;
        }
        boolean community = communities.contains(place.community())
                || (street != null && street.equals(place.street()));
        if (!community) {
            return false;
        }
        return grids.isEmpty() || !place.householdBound() || (place.grid() != null && grids.contains(place.grid()));
    }

    /** Limited to some grids of their community: reads community-wide things, writes only in their grids. */
    public boolean gridLimited() {
        return role != Role.ADMIN && !grids.isEmpty();
    }

    /** Whether knowing the community's street could change {@link #serves}: saves a look-up for everyone else. */
    public boolean needsStreetOf(String community) {
        return role != Role.ADMIN && street != null && !communities.contains(community);
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
