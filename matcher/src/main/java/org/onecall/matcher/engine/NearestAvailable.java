package org.onecall.matcher.engine;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.onecall.events.Location;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;
import org.onecall.matcher.index.ResourceIndex;

/**
 * The simple rule: the nearest volunteer who has the skill, is active, on duty, has a free slot
 * (counting proposals still open) and has not already turned this need down. For categories where
 * goods are bought, the nearest open merchant offering the category is named too.
 */
@Singleton
class NearestAvailable implements MatchingStrategy {

    private final int maxDistanceMeters;

    NearestAvailable(@Value("${onecall.matcher.max-distance-meters:3000}") int maxDistanceMeters) {
        this.maxDistanceMeters = maxDistanceMeters;
    }

    @Override
    public Decision decide(String communityId, MatchingStarted request, ResourceIndex index) {
        Location at = request.location();
        List<VolunteerStateChanged> skilled = index.volunteers(communityId).stream()
                .filter(v -> v.skills().contains(request.category())).toList();
        if (skilled.isEmpty()) {
            return new Nobody("no volunteer in " + communityId + " has the skill " + request.category());
        }
        List<VolunteerStateChanged> free = skilled.stream()
                .filter(v -> v.active() && v.onDuty())
                .filter(v -> !request.excludedVolunteerIds().contains(v.volunteerId()))
                .filter(v -> v.activeJobs() + index.openProposals(v.volunteerId(), request.needId()) < v.maxConcurrentJobs())
                .toList();
        if (free.isEmpty()) {
            return new Nobody(skilled.size() + " volunteers have the skill " + request.category()
                    + " but all are off duty, at their limit, or already declined this need");
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
        return index.merchants(communityId).stream()
                .filter(m -> m.open() && m.categories().contains(request.category()))
                .min(Comparator.comparingDouble(m -> m.location().metresTo(request.location())));
    }
}
