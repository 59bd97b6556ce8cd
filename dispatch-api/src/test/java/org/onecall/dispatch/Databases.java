package org.onecall.dispatch;

import java.util.Map;
import java.util.UUID;
import org.onecall.testsupport.PostgresExtension;

/** The two databases every test runs on. */
public final class Databases {

    /** A private in-memory H2 in PostgreSQL mode, as the standalone mode runs it (but in memory). */
    public static Map<String, String> h2(Class<?> testClass) {
        String name = testClass.getSimpleName() + "_" + UUID.randomUUID().toString().substring(0, 8);
        return Map.of(
                "datasources.default.url", "jdbc:h2:mem:" + name
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "datasources.default.username", "sa",
                "datasources.default.password", "",
                "datasources.default.driver-class-name", "org.h2.Driver");
    }

    /** A fresh database of the test class's own on the JVM's real PostgreSQL (started by test-support). */
    public static Map<String, String> postgres(Class<?> testClass) {
        return PostgresExtension.databaseFor(testClass).micronautProperties("default");
    }

    private Databases() {
    }
}
