package org.onecall.dispatch.department;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/**
 * A department (职能部门) a need beyond the community is handed to: property management (物业), water,
 * heating, the street's city management... Serves a whole street ({@code street} set) or one community.
 */
@MappedEntity("department")
public record Department(@Id @GeneratedValue @Nullable Long id, @Nullable @MappedProperty("street_id") String street,
                         @Nullable String communityId, String name, DepartmentKind kind,
                         @Nullable String contactName, @Nullable String contactPhone, Instant createdAt) {
}
