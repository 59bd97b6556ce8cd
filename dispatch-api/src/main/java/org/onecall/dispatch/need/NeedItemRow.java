package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One line of a need's list (需求清单), in the order the resident said it. */
@MappedEntity("need_item")
record NeedItemRow(@Id @GeneratedValue @Nullable Long id, long needId, int position, String name, int quantity,
                   @Nullable String unit, @Nullable String notes) {
}
