package org.onecall.matcher.engine;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.onecall.events.Location;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;
import org.onecall.matcher.index.ResourceIndex;

/**
 * The simple rule: the nearest volunteer who has the skill, is active, on duty, not on leave,
 * within their weekly hours, has a free slot (counting proposals still open) and has not already
 * turned this need down. For categories where goods are bought, the nearest merchant offering the
 * category, open right now and below its daily capacity (jobs counted today by dispatch-api plus
 * proposals of ours not yet made into offers) is named too. "Now" is the matching time: needs carry no
 * appointment time yet (预约 is another issue), and when they do it replaces {@code clock.instant()}.
 */
@Singleton
class NearestAvailable implements MatchingStrategy {

    private final int maxDistanceMeters;
    private final Clock clock;

    @Inject
    NearestAvailable(@Value("${onecall.matcher.max-distance-meters:3000}") int maxDistanceMeters, Clock clock) {
        this.maxDistanceMeters = maxDistanceMeters;
        this.clock = clock;
    }

    NearestAvailable(int maxDistanceMeters) {
        this(maxDistanceMeters, Clock.systemUTC());
    }

    @Override
    public Decision decide(String communityId, MatchingStarted request, ResourceIndex index) {
        Location at = request.location();
        Instant now = clock.instant();
        List<VolunteerStateChanged> skilled = index.volunteers(communityId).stream()
                .filter(v -> v.skills().contains(request.category())).toList();
        if (skilled.isEmpty()) {
            return new Nobody("no volunteer in " + communityId + " has the skill " + request.category());
        }
        Map<String, Long> why = new TreeMap<>();
        List<VolunteerStateChanged> free = skilled.stream()
                .filter(v -> counted(why, unavailable(v, request, index, now)))
                .toList();
        if (free.isEmpty()) {
            return new Nobody(skilled.size() + " volunteers have the skill " + request.category()
                    + " but none can be offered it now: " + why.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
        }
        VolunteerStateChanged best = free.stream()
                .min(Comparator.comparingDouble((VolunteerStateChanged v) -> v.home().metresTo(at))
                        .thenComparingLong(VolunteerStateChanged::volunteerId))
                .orElseThrow();
        int distance = (int) Math.round(best.home().metresTo(at));
        if (distance > maxDistanceMeters) {
            return new Nobody("the nearest free volunteer with the skill " + request.category() + " is " + distance
                    + " m away, beyond " + maxDistanceMeters + " m");
        }
        Long merchant = nearestMerchant(communityId, request, index).map(MerchantStateChanged::merchantId).orElse(null);
        return new Proposal(best.volunteerId(), merchant, distance,
                "nearest of " + free.size() + " free volunteers with the skill " + request.category());
    }

    /** Why this volunteer cannot be proposed now, or empty when they can. */
    private static Optional<String> unavailable(VolunteerStateChanged v, MatchingStarted request, ResourceIndex index,
                                                Instant now) {
        if (request.excludedVolunteerIds().contains(v.volunteerId())) {
            return Optional.of("already declined this need");
        }
        Optional<String> reason = v.unavailableAt(now);
        if (reason.isPresent()) {
            return reason;
        }
        if (v.activeJobs() + index.openProposals(v.volunteerId(), request.needId()) >= v.maxConcurrentJobs()) {
            return Optional.of("at their limit");
        }
        return Optional.empty();
    }

    private static boolean counted(Map<String, Long> why, Optional<String> reason) {
        reason.ifPresent(r -> why.merge(r, 1L, Long::sum));
        return reason.isEmpty();
    }

    private Optional<MerchantStateChanged> nearestMerchant(String communityId, MatchingStarted request,
                                                           ResourceIndex index) {
        boolean buysGoods;
        try {
            buysGoods = org.onecall.events.Category.valueOf(request.category()).usuallyBuysGoods();
        } catch (IllegalArgumentException e) {
            buysGoods = false;
        }
        if (!buysGoods) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return index.merchants(communityId).stream()
                .filter(m -> m.categories().contains(request.category()) && m.openAt(now)
                        && !m.fullAt(now, index.openMerchantProposals(m.merchantId(), request.needId())))
                .min(Comparator.comparingDouble(m -> m.location().metresTo(request.location())));
    }
}
