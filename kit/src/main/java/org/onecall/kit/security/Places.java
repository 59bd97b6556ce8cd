package org.onecall.kit.security;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Asks the services' {@link ScopeResolver}s where a thing sits. May hit the database: never on the event loop. */
@Singleton
public class Places {

    private final List<ScopeResolver> resolvers;

    Places(List<ScopeResolver> resolvers) {
        this.resolvers = resolvers;
    }

    public Optional<Place> of(Scope scope, String id) {
        return resolvers.stream().map(r -> r.placeOf(scope, id)).flatMap(Optional::stream).findFirst();
    }

    /**
     * The community as this caller's check needs it: its street is looked up only when the caller
     * is scoped to a street and not given the community by name.
     */
    Place community(Caller caller, String community) {
        if (!caller.needsStreetOf(community)) {
            return Place.community(community, null);
        }
        return of(Scope.COMMUNITY, community).orElse(Place.community(community, null));
    }

    /** A household-bound place in that community, with the street only when the caller's check needs it. */
    Place household(Caller caller, String community, String grid) {
        return Place.household(community, community(caller, community).street(), grid);
    }

    boolean volunteerMaySee(Scope scope, String id, long volunteerId) {
        return resolvers.stream().anyMatch(r -> r.volunteerMaySee(scope, id, volunteerId));
    }
}
