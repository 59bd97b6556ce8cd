package org.onecall.dispatch.merchant;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface MerchantOfferingRepository extends CrudRepository<MerchantOffering, Long> {

    List<MerchantOffering> findByMerchantIdOrderByCategory(long merchantId);

    List<MerchantOffering> findByMerchantIdInOrderByMerchantId(Collection<Long> merchantIds);
}
