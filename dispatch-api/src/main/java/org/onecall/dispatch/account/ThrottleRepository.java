package org.onecall.dispatch.account;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ThrottleRepository extends CrudRepository<ThrottleRow, Long> {

    Optional<ThrottleRow> findByUsernameAndAddress(String username, String address);

    /** The row for this pair, made if missing; two parallel first failures make one row. */
    @Query("INSERT INTO sign_in_throttle (username, address, failures, last_failure_at)"
            + " VALUES (:username, :address, 0, :now) ON CONFLICT DO NOTHING")
    int ensure(String username, String address, Instant now);

    @Query("UPDATE sign_in_throttle SET failures = failures + 1, last_failure_at = :now"
            + " WHERE username = :username AND address = :address")
    int countFailure(String username, String address, Instant now);

    @Query("UPDATE sign_in_throttle SET blocked_until = :until WHERE username = :username AND address = :address")
    int block(String username, String address, Instant until);

    int deleteByUsernameAndAddress(String username, String address);

    int deleteByUsername(String username);

    /** Rows nobody has failed on lately: the table stays as small as the recent guessing. */
    @Query("DELETE FROM sign_in_throttle WHERE last_failure_at < :before")
    int forgetBefore(Instant before);
}
