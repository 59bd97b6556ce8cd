package org.onecall.dispatch.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import org.onecall.events.Location;
import org.onecall.kit.security.MaskedPhone;

/**
 * A household on the community's list. {@code building} is the approximate place a volunteer may
 * see before accepting; {@code address} (down to the room) only while holding the job.
 */
@MappedEntity("household")
public record Household(@Id @GeneratedValue @Nullable Long id, String communityId, @Nullable String grid,
                        String headName, @JsonSerialize(using = MaskedPhone.class) String phone, String building, String address,
                        double lat, double lon, Instant createdAt) {

    public Location location() {
        return new Location(lat, lon);
    }
}
