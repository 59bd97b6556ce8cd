package org.onecall.dispatch.rates;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.dispatch.Databases;
import org.onecall.testsupport.PostgresExtension;

@ExtendWith(PostgresExtension.class)
class RatesPostgresTest extends RatesTest {
    @Override
    protected Map<String, String> database() {
        return Databases.postgres(getClass());
    }
}
