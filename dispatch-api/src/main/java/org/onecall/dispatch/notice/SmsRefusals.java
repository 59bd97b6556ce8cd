package org.onecall.dispatch.notice;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/** Households that said no to SMS notices: the operator calls them back instead. */
@Singleton
class SmsRefusals {

    @MappedEntity("household_sms_refusal")
    record Refusal(@Id long householdId, Instant recordedAt, String recordedBy) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Repository extends CrudRepository<Refusal, Long> {
    }

    private final Repository rows;
    private final Clock clock;

    SmsRefusals(Repository rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    boolean refused(long householdId) {
        return rows.existsById(householdId);
    }

    @Transactional
    void set(long householdId, boolean refuses, String by) {
        if (!refuses) {
            rows.deleteById(householdId);
        } else if (!rows.existsById(householdId)) {
            rows.save(new Refusal(householdId, clock.instant(), by));
        }
    }
}
