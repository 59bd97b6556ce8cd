package org.onecall.dispatch.complaint;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A complaint (投诉) opened by a call-back answer: {@code complainant} is the household's head,
 * {@code recordedBy} the signed-in account that took it down, {@code volunteerId} the volunteer who did
 * the job (the reopened need is never offered to them again), {@code notified} the coordinators told.
 */
@MappedEntity("complaint")
public record Complaint(@Id @GeneratedValue @Nullable Long id, String communityId, long needId, long householdId,
                        long feedbackId, @Nullable Long volunteerId, String complainant, String about, int rating,
                        boolean solved, String status, String recordedBy, String notified, Instant createdAt,
                        @Nullable String resolution, @Nullable String resolvedBy, @Nullable Instant resolvedAt) {

    static final String OPEN = "OPEN";
    static final String RESOLVED = "RESOLVED";
}
