package org.onecall.dispatch.need;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.dispatch.Databases;
import org.onecall.testsupport.PostgresExtension;

@ExtendWith(PostgresExtension.class)
class LateArrivalPostgresTest extends LateArrivalTest {
    @Override
    protected Map<String, String> database() {
        return Databases.postgres(getClass());
    }
}
