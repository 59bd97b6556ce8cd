package org.onecall.dispatch.hours;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One job's volunteer hours (志愿时长): service time from arrival to completion (travel not counted),
 * what was done and where, the resident's evaluation and who confirmed it. The volunteer row carries
 * the identity (name, phone, volunteer number = id).
 */
@MappedEntity("volunteer_hours")
record HoursRecord(@Id @GeneratedValue @Nullable Long id, String communityId, long volunteerId, long needId,
                   String content, String place, Instant startedAt, Instant endedAt, int minutes,
                   @Nullable Integer rating, String confirmedBy, Instant confirmedAt) {
}
