package org.onecall.dispatch.community;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A street office (街道): the communities on it answer to it, and street-level staff serve them all. */
@MappedEntity("street")
public record Street(@Id String id, String name, Instant createdAt) {
}
