package org.onecall.testsupport;

import java.util.Map;

/** Where a test's own database is, and how to log in. */
public record PostgresDatabase(String name, String jdbcUrl, String user, String password) {

    /**
     * The settings of a Micronaut JDBC data source, e.g. for a {@code TestPropertyProvider}.
     *
     * @param dataSource the data source's name, usually {@code default}
     */
    public Map<String, String> micronautProperties(String dataSource) {
        String prefix = "datasources." + dataSource + ".";
        return Map.of(
                prefix + "url", jdbcUrl,
                prefix + "username", user,
                prefix + "password", password,
                prefix + "driver-class-name", "org.postgresql.Driver");
    }
}
