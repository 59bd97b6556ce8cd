package org.onecall.dispatch;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.kit.KafkaSender;
import org.onecall.testsupport.KafkaBrokerExtension;

/**
 * Base of every dispatch-api test: the whole service (environment {@code dispatch}) on the shared
 * test broker and on the database a concrete subclass chooses (see {@link Databases}), with
 * helpers for HTTP ({@link Api}), SQL ({@link Db}) and the matcher's side of Kafka ({@link FakeMatcher}).
 *
 * <p>Every test class of the JVM shares one broker and the consumer group {@code dispatch-api}, and
 * each starts with empty tables, so need ids are moved into a range of their own per class: an
 * event left on a topic by an earlier class can then never name one of this class's needs.
 */
@MicronautTest(environments = DispatchApi.ENVIRONMENT, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(KafkaBrokerExtension.class)
public abstract class DispatchTest implements TestPropertyProvider {

    /**
     * Overrides of application-dispatch.yml for every test. They live here, not in
     * application-test.yml: the deduced environment {@code test} ranks below the explicit
     * {@code dispatch}, so that file could not override a key application-dispatch.yml sets.
     */
    private static final Map<String, String> TEST_SETTINGS = Map.of(
            // a random port: 8080 may be taken by a running service, which would answer our requests
            "micronaut.server.port", "-1",
            "onecall.outbox.poll-interval", "100ms",
            "onecall.offers.expiry-check", "200ms");

    protected ApplicationContext context;
    protected Api api;
    protected Db db;
    protected FakeMatcher matcher;

    /** Awaitility with this module's patience: the first proposal of a class waits for the consumer group. */
    protected static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(25));
    }

    /** The datasource settings: {@link Databases#h2} or {@link Databases#postgres}. */
    protected abstract Map<String, String> database();

    /** Settings of one test class on top of the test settings, e.g. a short offer TTL. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TEST_SETTINGS);
        properties.put("kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers());
        properties.putAll(database());
        properties.putAll(settings());
        return properties;
    }

    @Inject
    public void wire(ApplicationContext context, @Client("/") HttpClient http, DataSource dataSource,
                     KafkaSender kafka) {
        if (this.context == context) {
            return;
        }
        this.context = context;
        this.api = new Api(http);
        this.db = new Db(dataSource);
        this.matcher = new FakeMatcher(kafka);
        long firstNeedId = ThreadLocalRandom.current().nextLong(1, 9_000_000) * 1_000;
        db.update("ALTER TABLE need ALTER COLUMN id RESTART WITH " + firstNeedId);
    }
}
