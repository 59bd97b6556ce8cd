package org.onecall.dispatch.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AccountRepository extends CrudRepository<Account, Long> {

    Optional<Account> findByUsername(String username);

    List<Account> findByPhoneAndActive(String phone, boolean active);

    List<Account> findAllOrderByUsername();

    @Query("UPDATE account SET failed_logins = :failed, locked_until = :lockedUntil WHERE id = :id")
    int recordFailures(long id, int failed, @Nullable Instant lockedUntil);
}
