package org.onecall.dispatch.need;

import java.util.Map;
import org.onecall.dispatch.Databases;

class LadderH2Test extends LadderTest {
    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }
}
