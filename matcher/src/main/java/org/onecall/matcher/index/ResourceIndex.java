package org.onecall.matcher.index;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;

/**
 * The matcher's in-memory view of the resource lists, per community, built only from the
 * compacted resources topic (so a restart rebuilds the same index), plus the matcher's own
 * not-yet-answered proposals, which count against a volunteer's free capacity.
 */
@Singleton
public class ResourceIndex {

    private final Map<String, Map<Long, VolunteerStateChanged>> volunteers = new ConcurrentHashMap<>();
    private final Map<String, Map<Long, MerchantStateChanged>> merchants = new ConcurrentHashMap<>();
    /** needId -> volunteerId proposed and not yet accepted, declined or expired. */
    private final Map<Long, Long> proposals = new ConcurrentHashMap<>();
    /**
     * needId -> merchantId proposed and not yet turned into an offer: once dispatch-api makes the
     * offer it counts the job in the merchant's state, which reaches us on the resources topic.
     */
    private final Map<Long, Long> merchantProposals = new ConcurrentHashMap<>();

    public void put(VolunteerStateChanged v) {
        volunteers.computeIfAbsent(v.communityId(), c -> new ConcurrentHashMap<>()).put(v.volunteerId(), v);
    }

    public void put(MerchantStateChanged m) {
        merchants.computeIfAbsent(m.communityId(), c -> new ConcurrentHashMap<>()).put(m.merchantId(), m);
    }

    public Collection<VolunteerStateChanged> volunteers(String communityId) {
        return volunteers.getOrDefault(communityId, Map.of()).values();
    }

    public Collection<MerchantStateChanged> merchants(String communityId) {
        return merchants.getOrDefault(communityId, Map.of()).values();
    }

    public int volunteerCount() {
        return volunteers.values().stream().mapToInt(Map::size).sum();
    }

    public void proposed(long needId, long volunteerId) {
        proposals.put(needId, volunteerId);
    }

    public void proposed(long needId, long volunteerId, Long merchantId) {
        proposed(needId, volunteerId);
        if (merchantId != null) {
            merchantProposals.put(needId, merchantId);
        }
    }

    public void answered(long needId) {
        proposals.remove(needId);
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
    public long openProposals(long volunteerId, long exceptNeedId) {
        return proposals.entrySet().stream()
                .filter(e -> e.getValue() == volunteerId && e.getKey() != exceptNeedId).count();
    }

    /** A stable snapshot for comparing two indexes (tests: a rebuilt index equals the original). */
    public Map<String, List<VolunteerStateChanged>> snapshot() {
        Map<String, List<VolunteerStateChanged>> out = new java.util.TreeMap<>();
        volunteers.forEach((c, m) -> out.put(c, m.values().stream()
                .sorted(java.util.Comparator.comparingLong(VolunteerStateChanged::volunteerId)).toList()));
        return out;
    }
}
