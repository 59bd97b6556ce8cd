package org.onecall.dispatch.desk;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface IncomingCallRepository extends CrudRepository<IncomingCall, Long> {

    List<IncomingCall> findTop50ByCommunityIdOrderByIdDesc(String communityId);
}
