package org.onecall.dispatch.access;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.onecall.dispatch.Databases;

/** The same tests on a real PostgreSQL: every repository they touch, through the HTTP API. */
@MicronautTest(environments = "dispatch", transactional = false)
class SignInPostgresTest extends SignInTest {

    @Override
    Map<String, String> database() {
        return Databases.postgres(getClass());
    }
}
