package org.onecall.dispatch.community;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("community")
public record Community(@Id String id, String name, Instant createdAt) {
}
