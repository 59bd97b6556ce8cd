package org.onecall.dispatch.household;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import org.onecall.kit.security.MaskedPhone;

/** One of a household's phones; {@code position} 0 is the one to call first. */
@MappedEntity("household_phone")
public record HouseholdPhone(@Id @GeneratedValue @Nullable Long id, long householdId,
                             @JsonSerialize(using = MaskedPhone.class) String e164,
                             @JsonSerialize(using = MaskedPhone.class) String localNumber, PhoneKind kind, @Nullable String label, int position,
                             Instant createdAt) {
}
