package org.onecall.dispatch.diary;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.testsupport.KafkaBrokerExtension;

@MicronautTest(environments = "dispatch", transactional = false)
@ExtendWith(KafkaBrokerExtension.class)
class DiaryH2Test extends DiaryContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers(),
                "datasources.default.url", "jdbc:h2:mem:diary-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "micronaut.server.port", "-1");
    }
}
