package org.onecall.dispatch.household;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.onecall.events.Location;
import org.onecall.kit.security.MaskedPhone;

/**
 * A household on the community's list. {@code building} is the approximate place (compound and
 * building, e.g. 兴华南里2号楼) a volunteer may see before accepting; {@code address} (down to the
 * room) only while holding the job. {@code phone} is the first of the household's phones, in
 * E.164 form; all of them are in {@link HouseholdPhone}. The structured address parts are null on
 * records written before they existed.
 */
@MappedEntity("household")
public record Household(@Id @GeneratedValue @Nullable Long id, String communityId, @Nullable String grid,
                        String headName, @JsonSerialize(using = MaskedPhone.class) String phone, String building, String address,
                        double lat, double lon, Instant createdAt,
                        @Nullable String compound, @Nullable String buildingNo, @Nullable String unitNo,
                        @Nullable String roomNo, String tags, @Nullable String language,
                        @Nullable String contactNotes, boolean contactConsent, @Nullable Instant consentAt,
                        Instant updatedAt, @JsonIgnore String searchText, @JsonIgnore int indexedVersion) {

    public Location location() {
        return new Location(lat, lon);
    }

    /** The place a volunteer may know before accepting (minimal disclosure): compound and building. */
    public String approximatePlace() {
        return building;
    }

    public List<VulnerabilityTag> vulnerability() {
        return tags.isEmpty() ? List.of() : Arrays.stream(tags.split(",")).map(VulnerabilityTag::valueOf).toList();
    }

    Household indexed(String text, int version) {
        return new Household(id, communityId, grid, headName, phone, building, address, lat, lon, createdAt, compound,
                buildingNo, unitNo, roomNo, tags, language, contactNotes, contactConsent, consentAt, updatedAt, text,
                version);
    }

    Household withPhone(String firstPhone, Instant now) {
        return new Household(id, communityId, grid, headName, firstPhone, building, address, lat, lon, createdAt,
                compound, buildingNo, unitNo, roomNo, tags, language, contactNotes, contactConsent, consentAt, now,
                searchText, indexedVersion);
    }
}
