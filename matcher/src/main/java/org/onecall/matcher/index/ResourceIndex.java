package org.onecall.matcher.index;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.onecall.events.Location;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;

/**
 * The matcher's in-memory view of the resource lists, per community, built only from the
 * compacted resources topic (so a restart rebuilds the same index), plus the matcher's own
 * not-yet-answered proposals, which count against a volunteer's free capacity. Volunteers are also
 * kept in a {@link VolunteerGrid} per community for the nearest-candidates search.
 */
@Singleton
public class ResourceIndex {

    /** Calls remembered for "one volunteer for the needs of one call"; older ones are forgotten. */
    private static final int CALLS_REMEMBERED = 10_000;

    private final Map<String, Map<Long, VolunteerStateChanged>> volunteers = new ConcurrentHashMap<>();
    private final Map<String, VolunteerGrid> grids = new ConcurrentHashMap<>();
    private final Map<String, Map<Long, MerchantStateChanged>> merchants = new ConcurrentHashMap<>();
    /** needId -> volunteerId proposed and not yet accepted, declined or expired. */
    private final Map<Long, Long> proposals = new HashMap<>();
    /** volunteerId -> how many of {@link #proposals} name them. */
    private final Map<Long, Integer> openByVolunteer = new HashMap<>();
    /**
     * needId -> merchantId proposed and not yet turned into an offer: once dispatch-api makes the
     * offer it counts the job in the merchant's state, which reaches us on the resources topic.
     */
    private final Map<Long, Long> merchantProposals = new ConcurrentHashMap<>();
    private final Map<String, Long> callVolunteer = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > CALLS_REMEMBERED;
        }
    };

    public void put(VolunteerStateChanged v) {
        volunteers.computeIfAbsent(v.communityId(), c -> new ConcurrentHashMap<>()).put(v.volunteerId(), v);
        if (v.home() != null) {
            grids.computeIfAbsent(v.communityId(), c -> new VolunteerGrid(v.home().lat())).put(v);
        }
    }

    public void put(MerchantStateChanged m) {
        merchants.computeIfAbsent(m.communityId(), c -> new ConcurrentHashMap<>()).put(m.merchantId(), m);
    }

    public Collection<VolunteerStateChanged> volunteers(String communityId) {
        return volunteers.getOrDefault(communityId, Map.of()).values();
    }

    public Optional<VolunteerStateChanged> volunteer(String communityId, long volunteerId) {
        return Optional.ofNullable(volunteers.getOrDefault(communityId, Map.of()).get(volunteerId));
    }

    /** See {@link VolunteerGrid#nearest}. */
    public List<VolunteerGrid.Near> nearest(String communityId, Location at, double maxMeters, int want,
                                            Predicate<VolunteerStateChanged> test) {
        VolunteerGrid grid = grids.get(communityId);
        return grid == null ? List.of() : grid.nearest(at, maxMeters, want, test);
    }

    public Collection<MerchantStateChanged> merchants(String communityId) {
        return merchants.getOrDefault(communityId, Map.of()).values();
    }

    public int volunteerCount() {
        return volunteers.values().stream().mapToInt(Map::size).sum();
    }

    public synchronized void proposed(long needId, long volunteerId) {
        answered(needId);
        proposals.put(needId, volunteerId);
        openByVolunteer.merge(volunteerId, 1, Integer::sum);
    }

    public synchronized void proposed(long needId, long volunteerId, Long merchantId) {
        proposed(needId, volunteerId);
        if (merchantId != null) {
            merchantProposals.put(needId, merchantId);
        }
    }

    public synchronized void answered(long needId) {
        Long volunteer = proposals.remove(needId);
        if (volunteer != null) {
            openByVolunteer.computeIfPresent(volunteer, (k, n) -> n <= 1 ? null : n - 1);
        }
        merchantProposals.remove(needId);
    }

    /** dispatch-api made the offer: a merchant it names is now in the merchant's own count. */
    public void offered(long needId) {
        merchantProposals.remove(needId);
    }

    /** Proposals naming this merchant not yet made into offers, not counting the one for {@code exceptNeedId}. */
    public long openMerchantProposals(long merchantId, long exceptNeedId) {
        return merchantProposals.entrySet().stream()
                .filter(e -> e.getValue() == merchantId && e.getKey() != exceptNeedId).count();
    }

    /** Proposals still open for this volunteer, not counting the one for {@code exceptNeedId}. */
    public synchronized long openProposals(long volunteerId, long exceptNeedId) {
        int open = openByVolunteer.getOrDefault(volunteerId, 0);
        Long forThisNeed = proposals.get(exceptNeedId);
        return forThisNeed != null && forThisNeed == volunteerId ? open - 1 : open;
    }

    /** The volunteer last proposed for a need of this call, if any. */
    public synchronized Optional<Long> volunteerOfCall(String callId) {
        return callId == null ? Optional.empty() : Optional.ofNullable(callVolunteer.get(callId));
    }

    public synchronized void proposedForCall(String callId, long volunteerId) {
        if (callId != null) {
            callVolunteer.put(callId, volunteerId);
        }
    }

    /** A stable snapshot for comparing two indexes (tests: a rebuilt index equals the original). */
    public Map<String, List<VolunteerStateChanged>> snapshot() {
        Map<String, List<VolunteerStateChanged>> out = new java.util.TreeMap<>();
        volunteers.forEach((c, m) -> out.put(c, m.values().stream()
                .sorted(java.util.Comparator.comparingLong(VolunteerStateChanged::volunteerId)).toList()));
        return out;
    }
}
