package org.onecall.dispatch.need;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.onecall.kit.Refusal;
import org.onecall.dispatch.community.CommunityRepository;

/** The ladder as a community's people read it. */
@Singleton
class LadderView {

    /** {@code timers}: minutes per timed rung, by key ({@code *} any category or urgency). */
    record Shape(String communityId, List<RungView> rungs, double targetShare, int offerExpiries,
                 Map<String, List<Long>> defaultTimers, List<OwnTimer> ownTimers) {
    }

    record RungView(Rung rung, String words, boolean timed, String whoIsTold) {
    }

    record OwnTimer(String category, String urgency, List<Long> minutes) {
    }

    private static final Map<Rung, String> WHO = Map.of(
            Rung.TEAM_LEADER, "leaders of the teams serving the category (every team leader when none does)",
            Rung.GRID_LEADER, "the household's grid leader (volunteer) and coordinators limited to that grid",
            Rung.COORDINATOR, "the community's coordinators",
            Rung.STREET, "the street's coordinators, who call in a department",
            Rung.DEPARTMENT, "the street's coordinators; the department by its contact");

    private final LadderTimers timers;
    private final CommunityRepository communities;

    LadderView(LadderTimers timers, CommunityRepository communities) {
        this.timers = timers;
        this.communities = communities;
    }

    Shape of(String communityId) {
        if (!communities.existsById(communityId)) {
            throw Refusal.notFound("community", communityId);
        }
        List<RungView> rungs = Arrays.stream(Rung.values())
                .map(r -> new RungView(r, r.words(), r.timed(), WHO.get(r))).toList();
        Map<String, List<Long>> defaults = timers.defaults().entrySet().stream().collect(Collectors.toMap(
                e -> e.getKey().equals("default") ? "*/*" : e.getKey(), e -> minutes(e.getValue()), (a, b) -> b,
                java.util.TreeMap::new));
        List<OwnTimer> own = timers.own(communityId).stream().map(r -> new OwnTimer(r.category(), r.urgency(),
                Arrays.stream(r.minutes().split(",")).map(Long::valueOf).toList())).toList();
        return new Shape(communityId, rungs, timers.targetShare, timers.offerExpiries, defaults, own);
    }

    Shape set(String communityId, ActionRequests.LadderTimer r) {
        timers.set(communityId, r.category(), r.urgency(), r.minutes());
        return of(communityId);
    }

    private static List<Long> minutes(List<Duration> ds) {
        return ds.stream().map(Duration::toMinutes).toList();
    }
}
