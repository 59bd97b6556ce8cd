package org.onecall.dispatch.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("audit_entry")
public record AuditEntry(@Id @GeneratedValue @Nullable Long id, Instant occurredAt, String actor, String action,
                         String subject, @Nullable String detail) {
}
