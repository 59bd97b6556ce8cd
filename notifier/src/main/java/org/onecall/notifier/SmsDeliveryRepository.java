package org.onecall.notifier;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Repository("notifier")
@JdbcRepository(dialect = Dialect.POSTGRES)
interface SmsDeliveryRepository extends CrudRepository<SmsDelivery, Long> {

    @Query("SELECT * FROM sms_delivery WHERE status = 'PENDING' AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT 50")
    List<SmsDelivery> findDue(Instant now);

    Optional<SmsDelivery> findByProviderId(String providerId);

    /** The row, locked until the transaction ends: a receipt and the sender must not both settle it. */
    @Query("SELECT * FROM sms_delivery WHERE delivery_id = :id FOR UPDATE")
    Optional<SmsDelivery> lock(long id);

    /** Claims a pending delivery for one attempt (another instance, or a retry tick, finds it taken). */
    @Query("UPDATE sms_delivery SET next_attempt_at = :until, updated_at = :now WHERE delivery_id = :id"
            + " AND status = 'PENDING' AND next_attempt_at <= :now")
    int claim(long id, Instant now, Instant until);
}
