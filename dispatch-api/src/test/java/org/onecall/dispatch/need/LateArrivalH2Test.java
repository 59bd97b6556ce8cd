package org.onecall.dispatch.need;

import java.util.Map;
import org.onecall.dispatch.Databases;

class LateArrivalH2Test extends LateArrivalTest {
    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }
}
