package org.onecall.dispatch.access;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.onecall.dispatch.Databases;

/** The same tests on a real PostgreSQL: the switch, the revocation query and the lock columns. */
@MicronautTest(environments = "dispatch", transactional = false)
class AccountSwitchPostgresTest extends AccountSwitchTest {

    @Override
    Map<String, String> database() {
        return Databases.postgres(getClass());
    }
}
