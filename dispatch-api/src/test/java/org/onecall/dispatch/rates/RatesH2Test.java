package org.onecall.dispatch.rates;

import java.util.Map;
import org.onecall.dispatch.Databases;

class RatesH2Test extends RatesTest {
    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }
}
