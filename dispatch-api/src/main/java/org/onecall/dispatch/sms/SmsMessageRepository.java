package org.onecall.dispatch.sms;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SmsMessageRepository extends CrudRepository<SmsMessage, Long> {
    List<SmsMessage> findTop20ByPhoneOrderByIdDesc(String phone);
}
