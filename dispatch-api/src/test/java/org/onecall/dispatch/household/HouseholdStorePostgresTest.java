package org.onecall.dispatch.household;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.testsupport.EmbeddedPostgres;
import org.onecall.testsupport.KafkaBrokerExtension;
import org.onecall.testsupport.PostgresDatabase;
import org.onecall.testsupport.PostgresExtension;

/** The production database: the same contract on a real PostgreSQL. */
@MicronautTest(environments = "dispatch", transactional = false)
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class HouseholdStorePostgresTest extends HouseholdStoreContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(PostgresExtension.databaseFor(getClass()).micronautProperties("default"));
        p.put("kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers());
        p.put("micronaut.server.port", "-1");
        return p;
    }

    @Override
    String[] emptyDatabase() {
        PostgresDatabase db = EmbeddedPostgres.instance().createDatabase("t_household_migration");
        return new String[] {db.jdbcUrl(), db.user(), db.password()};
    }
}
