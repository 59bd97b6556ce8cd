package org.onecall.notifier;

import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;

@Repository("notifier")
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeliveryAttemptRepository extends CrudRepository<DeliveryAttempt, Long> {

    List<DeliveryAttempt> findByDeliveryIdInOrderById(Collection<Long> deliveryIds);
}
