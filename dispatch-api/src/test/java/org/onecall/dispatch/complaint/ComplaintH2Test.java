package org.onecall.dispatch.complaint;

import java.util.Map;
import org.onecall.dispatch.Databases;

class ComplaintH2Test extends ComplaintTest {
    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }
}
