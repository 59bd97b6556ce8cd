package org.onecall.dispatch.volunteer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.onecall.kit.security.MaskedPhone;

/** {@code skills} is a comma-separated list of category names (see {@link org.onecall.events.Category}). */
@MappedEntity("volunteer")
public record Volunteer(@Id @GeneratedValue @Nullable Long id, String communityId, String name,
                        @JsonSerialize(using = MaskedPhone.class) String phone,
                        String skills, double lat, double lon, boolean onDuty, boolean active,
                        int maxConcurrentJobs, int activeJobs, Instant createdAt, Instant updatedAt) {

    public List<String> skillList() {
        return skills.isBlank() ? List.of() : Arrays.stream(skills.split(",")).map(String::strip).toList();
    }

    public boolean canTakeJob() {
        return active && onDuty && activeJobs < maxConcurrentJobs;
    }
}
