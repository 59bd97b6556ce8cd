package org.onecall.dispatch.access;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.onecall.kit.security.Place;
import org.onecall.kit.security.Scope;
import org.onecall.kit.security.ScopeResolver;

@Singleton
class DispatchScopes implements ScopeResolver {

    private final ScopeQueries queries;

    DispatchScopes(ScopeQueries queries) {
        this.queries = queries;
    }

    @Override
    public Optional<Place> placeOf(Scope scope, String key) {
        if (scope == Scope.COMMUNITY) {
            return queries.community(key).map(DispatchScopes::place);
        }
        if (scope == Scope.IMPORT) {
            return queries.importJob(key).map(DispatchScopes::place);
        }
        if (!key.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        long id = Long.parseLong(key);
        return switch (scope) {
            case NEED -> queries.need(id).map(DispatchScopes::place);
            case HOUSEHOLD -> queries.household(id).map(DispatchScopes::place);
            case OFFER -> queries.offer(id).map(DispatchScopes::place);
            case WISH -> queries.wish(id).map(DispatchScopes::place);
            case VOLUNTEER -> queries.volunteer(id).map(DispatchScopes::place);
            case TEAM -> queries.team(id).map(DispatchScopes::place);
            case MERCHANT -> queries.merchant(id).map(DispatchScopes::place);
            default -> Optional.empty();
        };
    }

    private static Place place(ScopeQueries.Where w) {
        return Place.community(w.communityId(), w.streetId());
    }

    private static Place place(ScopeQueries.HouseholdWhere w) {
        return w.householdId() == null ? Place.community(w.communityId(), w.streetId())
                : Place.household(w.communityId(), w.streetId(), w.grid());
    }

    @Override
    public boolean volunteerMaySee(Scope scope, String key, long volunteerId) {
        if (!key.matches("[0-9]{1,18}")) {
            return false;
        }
        long id = Long.parseLong(key);
        return switch (scope) {
            case NEED -> queries.volunteerTouchesNeed(id, volunteerId) > 0;
            case OFFER -> queries.offerMadeTo(id, volunteerId) > 0;
            case WISH -> queries.wishInVolunteersCommunity(id, volunteerId) > 0;
            default -> false;
        };
    }
}
