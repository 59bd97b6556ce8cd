package org.onecall.dispatch.agreement;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AgreementRepository extends CrudRepository<Agreement, Long> {

    List<Agreement> findByCommunityIdOrderBySignedOnDesc(String communityId);
}
