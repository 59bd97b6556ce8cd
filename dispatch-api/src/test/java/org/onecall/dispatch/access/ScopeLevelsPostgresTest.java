package org.onecall.dispatch.access;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.onecall.dispatch.Databases;

/** The same tests on a real PostgreSQL: the scope look-ups and the accounts' new columns. */
@MicronautTest(environments = "dispatch", transactional = false)
class ScopeLevelsPostgresTest extends ScopeLevelsTest {

    @Override
    Map<String, String> database() {
        return Databases.postgres(getClass());
    }
}
