package org.onecall.dispatch.smsreply;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SmsReplyRepository extends CrudRepository<SmsReply, Long> {

    Optional<SmsReply> findBySequenceId(String sequenceId);

    List<SmsReply> findTop100ByCommunityIdAndCommandOrderByIdDesc(String communityId, boolean command);
}
