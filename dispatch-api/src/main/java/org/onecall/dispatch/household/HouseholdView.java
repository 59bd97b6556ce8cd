package org.onecall.dispatch.household;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import org.onecall.kit.security.MaskedPhone;

/**
 * A household as operators and coordinators read it. The first fields are those of the older
 * response ({@code phone} the first phone, {@code building} the approximate place), so existing
 * clients keep working.
 */
@Introspected
public record HouseholdView(long id, String communityId, @Nullable String grid, String headName,
                            @JsonSerialize(using = MaskedPhone.class) String phone,
                            String building, String address, double lat, double lon, Instant createdAt,
                            String approximatePlace, Address structuredAddress, List<HouseholdPhone> phones,
                            List<Resident> residents, List<Tag> vulnerability, @Nullable String language,
                            @Nullable String contactNotes, boolean consentToContact, @Nullable Instant consentAt,
                            Instant updatedAt) {

    @Introspected
    public record Address(@Nullable String compound, @Nullable String building, @Nullable String unit,
                          @Nullable String room) {
    }

    @Introspected
    public record Tag(VulnerabilityTag tag, String zh) {
    }

    static HouseholdView of(Household h, List<HouseholdPhone> phones, List<Resident> residents) {
        return new HouseholdView(h.id(), h.communityId(), h.grid(), h.headName(), h.phone(), h.building(),
                h.address(), h.lat(), h.lon(), h.createdAt(), h.approximatePlace(),
                new Address(h.compound(), h.buildingNo(), h.unitNo(), h.roomNo()), phones, residents,
                h.vulnerability().stream().map(t -> new Tag(t, t.zh())).toList(), h.language(), h.contactNotes(),
                h.contactConsent(), h.consentAt(), h.updatedAt());
    }
}
