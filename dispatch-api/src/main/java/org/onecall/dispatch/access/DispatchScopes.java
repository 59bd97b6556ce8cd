package org.onecall.dispatch.access;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.onecall.kit.security.Scope;
import org.onecall.kit.security.ScopeResolver;

@Singleton
class DispatchScopes implements ScopeResolver {

    private final ScopeQueries queries;

    DispatchScopes(ScopeQueries queries) {
        this.queries = queries;
    }

    @Override
    public Optional<String> communityOf(Scope scope, String key) {
        if (scope == Scope.IMPORT) {
            return queries.importCommunity(key);
        }
        if (!key.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        long id = Long.parseLong(key);
        return switch (scope) {
            case NEED -> queries.needCommunity(id);
            case HOUSEHOLD -> queries.householdCommunity(id);
            case VOLUNTEER -> queries.volunteerCommunity(id);
            case OFFER -> queries.offerCommunity(id);
            case WISH -> queries.wishCommunity(id);
            case TEAM -> queries.teamCommunity(id);
            case MERCHANT -> queries.merchantCommunity(id);
            default -> Optional.empty();
        };
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
