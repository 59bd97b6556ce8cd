package org.onecall.dispatch.outbox;

import java.util.Map;
import org.onecall.dispatch.Databases;

class OutboxRelayWakesAfterCommitH2Test extends OutboxRelayWakesAfterCommitTest {
    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }
}
