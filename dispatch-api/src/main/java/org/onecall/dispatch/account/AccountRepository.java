package org.onecall.dispatch.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.onecall.kit.security.Role;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AccountRepository extends CrudRepository<Account, Long> {

    Optional<Account> findByUsername(String username);

    List<Account> findAllOrderByUsername();

    boolean existsByRole(Role role);

    @Query("UPDATE account SET failed_logins = :failed, locked_until = :lockedUntil WHERE id = :id")
    int recordFailures(long id, int failed, @Nullable Instant lockedUntil);

    @Query("UPDATE account SET active = :active, tokens_valid_after = :tokensValidAfter WHERE id = :id")
    int switchActive(long id, boolean active, @Nullable Instant tokensValidAfter);

    List<Account> findByPhone(String phone);

    /** Accounts some of whose unexpired tokens are refused: switched off, or revoked after {@code cutoff}. */
    @Query("SELECT * FROM account WHERE active = FALSE OR tokens_valid_after > :cutoff")
    List<Account> findRevoked(Instant cutoff);
}
