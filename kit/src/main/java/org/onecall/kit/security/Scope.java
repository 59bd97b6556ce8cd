package org.onecall.kit.security;

/**
 * What an endpoint's data belongs to, and so whom it is shown to. The path variable named by
 * {@link Access#variable()} identifies the thing.
 */
public enum Scope {
    /** anyone, signed in or not (health, login) */
    PUBLIC,
    /** any caller with an allowed role; data not tied to one community */
    ROLE_ONLY,
    /** a community id in the path */
    COMMUNITY,
    /** a need id: staff of its community; a volunteer who holds it or was offered it */
    NEED,
    /** a household id: staff of its community */
    HOUSEHOLD,
    /** a volunteer id: that volunteer, or staff of their community */
    VOLUNTEER,
    /** an offer id: the volunteer it was made to, or staff of the need's community */
    OFFER,
    /** a micro-wish or project id: staff of its community; volunteers of that community (to claim it) */
    WISH,
    /** a volunteer team id: staff of its community */
    TEAM,
    /** a merchant or partner unit id: staff of its community */
    MERCHANT,
    /** a background import job id: staff of its community */
    IMPORT,
    /** a username in the path: only that user (an operator's own list) */
    USERNAME,
    /** the body names the community; the service checks it with {@link CurrentCaller} */
    BODY;

    /** Whether the path variable is a number: any other value names nothing (and no route). */
    public boolean numeric() {
        return switch (this) {
            case NEED, HOUSEHOLD, VOLUNTEER, OFFER, WISH, TEAM, MERCHANT -> true;
            default -> false;
        };
    }
}
