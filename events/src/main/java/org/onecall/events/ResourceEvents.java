package org.onecall.events;

import java.util.List;

/**
 * Latest state of a resource, published to the compacted {@link Topics#RESOURCES} topic keyed by
 * {@link #aggregateId()}: each record is the whole state, so the last one per key is enough to
 * rebuild an index.
 */
public final class ResourceEvents {

    public record VolunteerStateChanged(long volunteerId, String communityId, String displayName,
                                        List<String> skills, Location home, boolean onDuty, boolean active,
                                        int maxConcurrentJobs, int activeJobs) implements EventPayload {
        public VolunteerStateChanged {
            skills = skills == null ? List.of() : List.copyOf(skills);
        }
        public String aggregateId() { return "volunteer-" + volunteerId; }

        /** Whether a new job may be offered now. */
        public boolean available() {
            return active && onDuty && activeJobs < maxConcurrentJobs;
        }
    }

    public record MerchantStateChanged(long merchantId, String communityId, String name, List<String> categories,
                                       Location location, boolean open, int dailyCapacity) implements EventPayload {
        public MerchantStateChanged {
            categories = categories == null ? List.of() : List.copyOf(categories);
        }
        public String aggregateId() { return "merchant-" + merchantId; }
    }

    private ResourceEvents() {
    }
}
