package org.onecall.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The fallback for machines without PostgreSQL: the binaries from Maven Central must run too. */
class ZonkyBinariesTest {

    @Test
    void theBinariesFromTheZonkyArtifactStartAServer() throws SQLException {
        Path bin = PostgresBinaries.fromZonky();
        try (PostgresServer server = PostgresServer.start(bin);
             Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), PostgresServer.SUPERUSER, "");
             Statement s = c.createStatement()) {
            String version = EmbeddedPostgresTest.single(s, "select version()");
            assertTrue(version.startsWith("PostgreSQL 16."), version);
        }
    }
}
