package org.onecall.dispatch;

import java.util.Map;

class BadInputH2Test extends BadInputTest {
    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }
}
