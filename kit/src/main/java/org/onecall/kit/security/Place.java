package org.onecall.kit.security;

import io.micronaut.core.annotation.Nullable;

/**
 * Where a thing sits on the street → community → grid ladder, as far as access cares. A
 * household-bound thing (the household itself, its needs, its micro-wishes, an offer of its need)
 * carries the household's grid, which may be null (not yet put in a grid); a community-wide thing
 * (volunteers, teams, merchants, projects, settings) has no grid. {@code street} is null when the
 * community is on no street, or when the check did not need to know it.
 */
public record Place(String community, @Nullable String street, boolean householdBound, @Nullable String grid) {

    public static Place community(String community, @Nullable String street) {
        return new Place(community, street, false, null);
    }

    public static Place household(String community, @Nullable String street, @Nullable String grid) {
        return new Place(community, street, true, grid);
    }

    public Place onStreet(@Nullable String streetId) {
        return new Place(community, streetId, householdBound, grid);
    }
}
