package org.onecall.dispatch.account;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OtpCodeRepository extends CrudRepository<OtpCode, Long> {

    Optional<OtpCode> findFirstByPhoneOrderByIdDesc(String phone);

    @Query("UPDATE otp_code SET attempts = attempts + 1 WHERE id = :id")
    int countAttempt(long id);

    @Query("UPDATE otp_code SET used = TRUE WHERE id = :id AND used = FALSE")
    int use(long id);
}
