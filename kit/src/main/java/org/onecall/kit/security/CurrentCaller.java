package org.onecall.kit.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.utils.SecurityService;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;
import org.onecall.kit.Refusal;

/**
 * For checks the route alone cannot make: scope named in a request body, lists to narrow to the
 * caller's grids, the acting volunteer. Outside a request (Kafka listeners, start-up) every check
 * passes: those are the system's own actions.
 */
@Singleton
public class CurrentCaller {

    private final SecurityService security;
    private final Places places;

    CurrentCaller(SecurityService security, Places places) {
        this.security = security;
        this.places = places;
    }

    public Optional<Caller> get() {
        return security.getAuthentication().map(Caller::from);
    }

    public String username() {
        return get().map(Caller::username).orElse("system");
    }

    /**
     * Refuses (403) unless the caller may act on the community as a whole: staff of the community
     * or of its street. Grid leaders are refused: community-wide changes are the community office's.
     */
    public void requireCommunity(String communityId) {
        get().ifPresent(c -> {
            requireStaffOf(c, places.community(c, communityId));
            if (c.gridLimited()) {
                throw Refusal.forbidden("you serve grids " + String.join(",", c.grids()) + " of community "
                        + communityId + ", not the whole community");
            }
        });
    }

    /** Refuses (403) unless the caller may see the community at all (grid leaders may: they then see their grids). */
    public void requireCommunityView(String communityId) {
        get().ifPresent(c -> requireStaffOf(c, places.community(c, communityId)));
    }

    /** Refuses (403) unless the caller serves a household of that community in that grid (null: in no grid). */
    public void requireHousehold(String communityId, @Nullable String grid) {
        get().ifPresent(c -> {
            Place place = places.household(c, communityId, grid);
            requireStaffOf(c, place);
        });
    }

    /** Whether the caller serves that household (for narrowing results that span communities). */
    public boolean servesHousehold(String communityId, @Nullable String grid) {
        return get().map(c -> c.role() != Role.VOLUNTEER && c.serves(places.household(c, communityId, grid)))
                .orElse(true);
    }

    /**
     * The grids a list of this community must be narrowed to; empty when the caller sees the whole
     * community. Call after the route (or {@link #requireCommunityView}) has checked the community.
     */
    public Optional<Set<String>> gridLimit() {
        return get().filter(Caller::gridLimited).map(Caller::grids);
    }

    private static void requireStaffOf(Caller c, Place place) {
        if (c.role() == Role.VOLUNTEER || !c.serves(place)) {
            throw Refusal.forbidden(place.householdBound() && c.gridLimited() && c.communities().contains(place.community())
                    ? "this household is not in your grids (" + String.join(",", c.grids()) + ")"
                    : "you do not serve community " + place.community());
        }
    }

    /**
     * The volunteer a request acts for: a volunteer acts only for themself (a body naming someone
     * else is refused); staff may act for the named volunteer.
     */
    public long actingVolunteer(Long named) {
        Optional<Caller> caller = get();
        if (caller.isPresent() && caller.get().role() == Role.VOLUNTEER) {
            long self = caller.get().volunteerId();
            if (named != null && named != self) {
                throw Refusal.forbidden("a volunteer can only act for themself");
            }
            return self;
        }
        if (named == null) {
            throw Refusal.invalid("volunteerId", "must name the volunteer");
        }
        return named;
    }
}
