package org.onecall.kit.security;

import java.util.Optional;

/** Answers "whose is this?" for the scopes a service owns. Called off the event loop; may hit the database. */
public interface ScopeResolver {

    /**
     * Where that thing sits: its community, the community's street, and for household-bound things
     * the household's grid. Empty when the thing does not exist (or is not this resolver's). For
     * {@link Scope#COMMUNITY} the id is the community's own.
     */
    Optional<Place> placeOf(Scope scope, String id);

    /** Whether this volunteer may see that thing (holds the need, was offered it, is that volunteer). */
    boolean volunteerMaySee(Scope scope, String id, long volunteerId);
}
