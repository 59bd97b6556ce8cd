package org.onecall.notifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.testsupport.PostgresDatabase;
import org.onecall.testsupport.PostgresExtension;

/** The notifier's table on a real PostgreSQL, as in the distributed deployment. No Kafka. */
@ExtendWith(PostgresExtension.class)
@MicronautTest(environments = {NotifierApp.ENVIRONMENT, "test"}, transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresDeliveryRepositoryTest extends DeliveryRepositoryContract implements TestPropertyProvider {

    private PostgresDatabase db() {
        return PostgresExtension.databaseFor(PostgresDeliveryRepositoryTest.class);
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(db().micronautProperties("notifier"));
        p.put("kafka.enabled", "false");
        return p;
    }

    @Test
    void theDatabaseIsARealPostgresql() throws SQLException {
        try (Connection c = jdbc(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select version()")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("PostgreSQL "), rs.getString(1));
        }
    }
}
