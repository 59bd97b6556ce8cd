package org.onecall.dispatch.outbox;

import java.sql.Connection;
import java.util.Map;
import org.onecall.dispatch.Databases;

class OutboxGapH2Test extends OutboxGapTest {
    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }

    @Override
    protected void slow(Connection connection, int millis) throws Exception {
        Thread.sleep(millis);
    }
}
