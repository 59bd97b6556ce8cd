package org.onecall.dispatch.merchant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("merchant")
public record Merchant(@Id @GeneratedValue @Nullable Long id, String communityId, String name, String categories,
                       double lat, double lon, boolean isOpen, int dailyCapacity, Instant createdAt) {
}
