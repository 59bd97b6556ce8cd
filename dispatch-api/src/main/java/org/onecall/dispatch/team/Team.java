package org.onecall.dispatch.team;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A volunteer team (志愿者队伍): a specialist team (mediation, patrol...) or a general service group. */
@MappedEntity("team")
public record Team(@Id @GeneratedValue @Nullable Long id, String communityId, String name, @Nullable String specialty,
                   @Nullable Long leaderVolunteerId, Instant createdAt) {
}
