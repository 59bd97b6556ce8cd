package org.onecall.testsupport;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the JVM's {@link EmbeddedPostgres} before a test class, and injects a
 * {@link PostgresDatabase} parameter: a fresh database of the test class's own, created once
 * per class. The same database is available from {@link #databaseFor(Class)}, e.g. inside a
 * Micronaut {@code TestPropertyProvider}, which may run before this extension.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {

    private static final Map<Class<?>, PostgresDatabase> DATABASES = new ConcurrentHashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        EmbeddedPostgres.instance();
    }

    /** The test class's own database, created empty on first call. */
    public static PostgresDatabase databaseFor(Class<?> testClass) {
        return DATABASES.computeIfAbsent(testClass,
                type -> EmbeddedPostgres.instance().createDatabase(databaseName(type)));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return databaseFor(context.getRequiredTestClass());
    }

    /** Unique per class (the simple name alone may repeat across packages) and a legal identifier. */
    static String databaseName(Class<?> testClass) {
        String simple = testClass.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String hash = Integer.toHexString(testClass.getName().hashCode());
        String prefix = "t_" + simple;
        return prefix.substring(0, Math.min(prefix.length(), 62 - hash.length())) + "_" + hash;
    }
}
