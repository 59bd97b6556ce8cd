package org.onecall.notifier;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.onecall.kit.security.Caller;
import org.onecall.kit.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a staff caller serves a community, as dispatch-api decides it: the communities named in
 * the token, and every community of the token's street. The notifier keeps no communities of its
 * own, so a street's communities are asked of dispatch-api (signed in as a service) and kept a
 * short while: a community put on the street is seen within that time, and a stream of notices
 * costs one question per street, not one per notice. When dispatch-api cannot answer, the street
 * serves nothing for a few seconds (closed, not open), and the named communities still work.
 *
 * <p>A grid-limited caller (a grid leader) serves their community's notices: they are short
 * community-wide alerts, and leaders dispatch across grids. Household-bound records (a need's
 * delivery log) are not theirs here, because the notifier does not know a need's grid.
 */
@Singleton
class StaffScope {

    private static final Logger LOG = LoggerFactory.getLogger(StaffScope.class);
    private static final Duration FAILED_FOR = Duration.ofSeconds(5);

    private record Known(Set<String> communities, Instant until) {
    }

    private final DispatchDirectory dispatch;
    private final Clock clock;
    private final Duration keep;
    private final Map<String, Known> streets = new ConcurrentHashMap<>();

    StaffScope(DispatchDirectory dispatch, Clock clock, @Value("${onecall.notifier.street-cache:30s}") Duration keep) {
        this.dispatch = dispatch;
        this.clock = clock;
        this.keep = keep;
    }

    /** Blocking at most once per street and period (a call to dispatch-api): never on the event loop. */
    boolean serves(Caller caller, String community) {
        if (caller.role() == Role.ADMIN || caller.communities().contains(community)) {
            return true;
        }
        return caller.street() != null && communitiesOf(caller.street()).contains(community);
    }

    /** Whether this caller may read a household-bound record of that community (a need's delivery log). */
    boolean servesHouseholdsOf(Caller caller, String community) {
        return caller.role() == Role.ADMIN || (!caller.gridLimited() && serves(caller, community));
    }

    private Set<String> communitiesOf(String street) {
        Instant now = clock.instant();
        Known known = streets.get(street);
        if (known != null && known.until().isAfter(now)) {
            return known.communities();
        }
        Known fresh;
        try {
            fresh = new Known(Set.copyOf(dispatch.communitiesOfStreet(street)), now.plus(keep));
        } catch (RuntimeException e) {
            LOG.warn("cannot ask dispatch-api for the communities of street {}: {}", street, e.getMessage());
            fresh = new Known(Set.of(), now.plus(FAILED_FOR));
        }
        streets.put(street, fresh);
        return fresh.communities();
    }
}
