package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One call-back answer as given; {@code volunteerId} the volunteer who did the job rated. */
@MappedEntity("feedback")
record FeedbackRow(@Id @GeneratedValue @Nullable Long id, long needId, @Nullable Long volunteerId, int rating,
                   boolean solved, @Nullable String comment, String recordedBy, Instant recordedAt) {
}
