package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One category-specific field of a need, by name (see {@link CategoryRules}). */
@MappedEntity("need_detail")
record NeedDetailRow(@Id @GeneratedValue @Nullable Long id, long needId, String name, String val) {
}
