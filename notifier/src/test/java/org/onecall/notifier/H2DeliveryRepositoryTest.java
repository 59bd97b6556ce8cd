package org.onecall.notifier;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** The notifier's table on H2 in PostgreSQL mode, as in the standalone product. No Kafka. */
@MicronautTest(environments = {NotifierApp.ENVIRONMENT, "test"}, transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2DeliveryRepositoryTest extends DeliveryRepositoryContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return Map.of("datasources.notifier.url", DeliveryFlowTest.h2Url(), "kafka.enabled", "false");
    }
}
