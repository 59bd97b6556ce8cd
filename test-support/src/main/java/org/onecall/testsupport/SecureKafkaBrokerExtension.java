package org.onecall.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.onecall.events.ServiceAccess;
import org.onecall.kafka.embedded.BrokerSecurity;
import org.onecall.kafka.embedded.EmbeddedKafkaBroker;

/**
 * A second broker for the test JVM, as deployed: SASL/SCRAM-SHA-512 on the client listener and
 * ACLs made from {@link ServiceAccess}, one principal per service. Started only by the tests that
 * use it (the many other tests keep the plain {@link KafkaBrokerExtension}, which starts faster).
 *
 * <p>{@link #serviceProperties(String)} are the Micronaut properties a service gets from
 * KAFKA_SECURITY_PROTOCOL, KAFKA_USERNAME and KAFKA_PASSWORD; {@link #clientConfig(String)} is
 * what a raw Kafka client needs to sign in as a principal.
 */
public final class SecureKafkaBrokerExtension implements BeforeAllCallback {

    public static final String ADMIN = BrokerSecurity.ADMIN;

    private static SharedBroker running;

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedBroker broker = ensureStarted();
        context.getRoot().getStore(ExtensionContext.Namespace.create(SecureKafkaBrokerExtension.class))
                .getOrComputeIfAbsent(SharedBroker.class, key -> broker, SharedBroker.class);
    }

    /** Test passwords: not secrets, but each principal's own, so one cannot sign in as another. */
    public static String password(String principal) {
        return "test-password-of-" + principal;
    }

    public static EmbeddedKafkaBroker broker() {
        return ensureStarted().broker;
    }

    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** Bootstrap servers and SASL settings for a raw Kafka client signing in as {@code principal}. */
    public static Map<String, Object> clientConfig(String principal) {
        return broker().clientConfig(principal, password(principal));
    }

    /** What a service's context gets from its KAFKA_* environment when it signs in as {@code principal}. */
    public static Map<String, String> serviceProperties(String principal) {
        Map<String, String> p = new HashMap<>();
        p.put("kafka.bootstrap.servers", bootstrapServers());
        p.put("kafka.security.protocol", BrokerSecurity.SECURITY_PROTOCOL);
        p.put("kafka.sasl.mechanism", BrokerSecurity.MECHANISM);
        p.put("onecall.kafka.username", principal);
        p.put("onecall.kafka.password", password(principal));
        return p;
    }

    static BrokerSecurity security() {
        List<BrokerSecurity.Account> accounts = ServiceAccess.SERVICES.stream()
                .map(g -> new BrokerSecurity.Account(g.principal(), password(g.principal()), g.reads(), g.writes(), g.groups()))
                .toList();
        return new BrokerSecurity(password(ADMIN), accounts);
    }

    private static synchronized SharedBroker ensureStarted() {
        if (running == null || running.isClosed()) {
            running = SharedBroker.start(security());
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "onecall-secure-kafka-shutdown"));
        }
        return running;
    }
}
