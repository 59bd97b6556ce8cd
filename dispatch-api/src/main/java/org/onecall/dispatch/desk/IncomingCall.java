package org.onecall.dispatch.desk;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One call a phone system announced; see V15__incoming_calls.sql. */
@MappedEntity("incoming_call")
record IncomingCall(@Id @GeneratedValue @Nullable Long id, String phoneSystem, String communityId,
                    String callerNumber, @Nullable String callerE164, @Nullable String extension,
                    @Nullable String externalId, int households, int desksTold, Instant receivedAt) {
}
