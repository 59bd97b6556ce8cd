package org.onecall.dispatch.team;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity("team_member")
record TeamMember(@Id @GeneratedValue @Nullable Long id, long teamId, long volunteerId) {
}
