package org.onecall.dispatch.pairing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A one-to-one pairing (一帮一): {@code schedule} is canonical TimeWindow text, e.g. "TUE 09:00-11:00". */
@MappedEntity("pairing")
record Pairing(@Id @GeneratedValue @Nullable Long id, String communityId, long volunteerId, long householdId,
               String schedule, String description, boolean active, int missedInRow, String createdBy,
               Instant createdAt) {
}
