package org.onecall.dispatch.outbox;

import java.util.Map;
import org.onecall.dispatch.Databases;

class OutboxRelayH2Test extends OutboxRelayTest {
    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }
}
