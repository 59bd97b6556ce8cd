package org.onecall.dispatch.community;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** A community (社区); {@code street} is the id of the street office (街道) it answers to, if any. */
@MappedEntity("community")
public record Community(@Id String id, String name, @Nullable @MappedProperty("street_id") String street,
                        Instant createdAt) {
}
