package org.onecall.notifier;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.UUID;

@Repository("notifier")
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeliveryRepository extends CrudRepository<Delivery, Long> {

    boolean existsByEventIdAndChannelAndRecipient(UUID eventId, String channel, String recipient);

    java.util.Optional<Delivery> findByEventIdAndChannelAndRecipient(UUID eventId, String channel, String recipient);

    List<Delivery> findTop50ByRecipientOrderByIdDesc(String recipient);

    List<Delivery> findTop50ByRecipientAndChannelOrderByIdDesc(String recipient, String channel);

    List<Delivery> findByNeedIdOrderById(long needId);

    boolean existsByEventIdAndRecipientStartsWith(UUID eventId, String recipientPrefix);

    /** Offers pushed to a page between the horizon and the cut-off, not acknowledged, not yet sent by SMS. */
    @Query("SELECT * FROM delivery d WHERE d.channel = 'SSE' AND d.kind = 'OfferMade' AND d.created_at < :cutoff"
            + " AND d.created_at > :horizon AND NOT EXISTS (SELECT 1 FROM sse_ack a WHERE a.delivery_id = d.id)"
            + " AND NOT EXISTS (SELECT 1 FROM delivery s WHERE s.event_id = d.event_id AND s.recipient = d.recipient"
            + " AND s.channel = 'SMS') ORDER BY d.id LIMIT 50")
    List<Delivery> findUnacknowledgedOffers(java.time.Instant cutoff, java.time.Instant horizon);
}
