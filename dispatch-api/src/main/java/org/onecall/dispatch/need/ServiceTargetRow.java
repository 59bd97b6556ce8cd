package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A community's own service commitment for one category, overriding the configured default. */
@MappedEntity("service_target")
record ServiceTargetRow(@Id @GeneratedValue @Nullable Long id, String communityId, String category,
                        @Nullable Integer withinMinutes, boolean byAppointment, Instant updatedAt) {
}
