package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("need_history")
public record NeedHistoryEntry(@Id @GeneratedValue @Nullable Long id, long needId, Instant occurredAt,
                               String eventType, @Nullable NeedStatus fromStatus, NeedStatus toStatus,
                               String actor, @Nullable String detail) {
}
