package org.onecall.dispatch.team;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A grid (网格) of the community, named by the code volunteers and households carry, with its grid leader (网格长). */
@MappedEntity("grid")
public record Grid(@Id @GeneratedValue @Nullable Long id, String communityId, String code, String name,
                   @Nullable Long leaderVolunteerId, Instant createdAt) {
}
