package org.onecall.dispatch.smsreply;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A volunteer's (or a household's: {@code volunteerId} null) SMS reply and what came of it;
 * {@code command} false: free text for the coordinator.
 */
@MappedEntity("sms_reply")
public record SmsReply(@Id @GeneratedValue @Nullable Long id, String sequenceId, @Nullable Long volunteerId,
                       @Nullable String communityId, @Nullable Long needId, String content, boolean command,
                       String answer, Instant receivedAt) {
}
