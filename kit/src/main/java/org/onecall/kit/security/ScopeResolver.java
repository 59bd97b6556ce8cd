package org.onecall.kit.security;

import java.util.Optional;

/** Answers "whose is this?" for the scopes a service owns. Called off the event loop; may hit the database. */
public interface ScopeResolver {

    /** The community that thing belongs to; empty when the thing does not exist (or is not this resolver's). */
    Optional<String> communityOf(Scope scope, String id);

    /** Whether this volunteer may see that thing (holds the need, was offered it, is that volunteer). */
    boolean volunteerMaySee(Scope scope, String id, long volunteerId);
}
