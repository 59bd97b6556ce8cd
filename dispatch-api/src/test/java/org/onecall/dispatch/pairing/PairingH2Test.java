package org.onecall.dispatch.pairing;

import java.util.Map;
import org.onecall.dispatch.Databases;

class PairingH2Test extends PairingTest {
    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }
}
