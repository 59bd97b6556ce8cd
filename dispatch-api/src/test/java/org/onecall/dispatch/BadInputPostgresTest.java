package org.onecall.dispatch;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.testsupport.PostgresExtension;

@ExtendWith(PostgresExtension.class)
class BadInputPostgresTest extends BadInputTest {
    @Override
    protected Map<String, String> database() {
        return Databases.postgres(getClass());
    }
}
