package org.onecall.dispatch.merchant;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface MerchantRepository extends CrudRepository<Merchant, Long> {

    List<Merchant> findByCommunityId(String communityId);

    List<String> findNameByCommunityId(String communityId);

    @Query("UPDATE merchant SET is_open = :open WHERE id = :id")
    int setOpen(long id, boolean open);
}
