package org.onecall.dispatch.agreement;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.time.LocalDate;

/** A co-building agreement (共建协议) with a partner unit: the record, not the recurring project's schedule. */
@MappedEntity("agreement")
public record Agreement(@Id @GeneratedValue @Nullable Long id, String communityId, long partnerId, String title,
                        LocalDate signedOn, String terms, Instant createdAt) {
}
