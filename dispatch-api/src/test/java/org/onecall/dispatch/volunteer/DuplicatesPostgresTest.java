package org.onecall.dispatch.volunteer;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.testsupport.PostgresExtension;

/** The same duplicates, races included, on a real PostgreSQL (its unique violation aborts the transaction). */
@ExtendWith(PostgresExtension.class)
class DuplicatesPostgresTest extends DuplicatesTest {

    @Override
    protected Map<String, String> database() {
        return PostgresExtension.databaseFor(DuplicatesPostgresTest.class).micronautProperties("default");
    }
}
