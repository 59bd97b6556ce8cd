package org.onecall.dispatch.diary;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.testsupport.KafkaBrokerExtension;
import org.onecall.testsupport.PostgresExtension;

@MicronautTest(environments = "dispatch", transactional = false)
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class DiaryPostgresTest extends DiaryContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(PostgresExtension.databaseFor(getClass()).micronautProperties("default"));
        p.put("kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers());
        p.put("micronaut.server.port", "-1");
        return p;
    }
}
