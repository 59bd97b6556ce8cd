package org.onecall.standalone;

import java.util.HashMap;
import java.util.Map;

/** The standalone product as the SMS tests start it: fresh in-memory databases, fast retries, no quiet hours. */
final class SmsStandaloneSettings {

    private SmsStandaloneSettings() {
    }

    /** {@code name} keeps each test class's databases apart; {@code extra} adds or overrides settings. */
    static Map<String, Object> of(String name, String adminPassword, Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                "micronaut.server.port", -1,
                "onecall.demo.enabled", false,
                "onecall.security.admin-password", adminPassword,
                "onecall.notifier.sms.backoff", "100ms",
                "onecall.notifier.sms.retry-poll", "100ms",
                // these tests run at any hour: no quiet hours (QuietHoursTest covers them)
                "onecall.notifier.sms.quiet-hours", ""));
        for (String db : new String[] {"default", "notifier"}) {
            settings.put("datasources." + db + ".url", "jdbc:h2:mem:" + name + "-" + db
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
        settings.putAll(extra);
        return settings;
    }
}
