package org.onecall.notifier;

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

    List<Delivery> findTop50ByRecipientOrderByIdDesc(String recipient);

    List<Delivery> findTop50ByRecipientAndChannelOrderByIdDesc(String recipient, String channel);

    List<Delivery> findByNeedIdOrderById(long needId);

    boolean existsByEventIdAndRecipientStartsWith(UUID eventId, String recipientPrefix);
}
