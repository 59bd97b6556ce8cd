package org.onecall.dispatch.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity("resident")
public record Resident(@Id @GeneratedValue @Nullable Long id, long householdId, String name, Relation relation,
                       @Nullable Integer birthYear, int position) {
}
