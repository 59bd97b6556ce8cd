package org.onecall.dispatch.household;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.testsupport.KafkaBrokerExtension;

@MicronautTest(environments = "dispatch", transactional = false)
@ExtendWith(KafkaBrokerExtension.class)
class HouseholdStoreH2Test extends HouseholdStoreContract implements TestPropertyProvider {

    static String h2(String name) {
        return "jdbc:h2:mem:" + name + "-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers(),
                "datasources.default.url", h2("household-store"), "micronaut.server.port", "-1");
    }

    @Override
    String[] emptyDatabase() {
        return new String[] {h2("migration"), "sa", ""};
    }
}
