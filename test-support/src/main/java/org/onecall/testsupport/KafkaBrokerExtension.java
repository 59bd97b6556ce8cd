package org.onecall.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.onecall.kafka.embedded.EmbeddedKafkaBroker;

/**
 * One real Kafka broker for the whole test JVM, with the OneCall topics already created.
 *
 * <p>Use {@code @ExtendWith(KafkaBrokerExtension.class)} and read {@link #bootstrapServers()}.
 * The broker is closed when JUnit finishes the test run. {@link #bootstrapServers()} also starts
 * the broker when called before any {@code beforeAll} (Micronaut's {@code TestPropertyProvider}
 * may run before this extension); it is then closed by a JVM shutdown hook instead.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback {

    public static final int PARTITIONS = SharedBroker.PARTITIONS;

    private static SharedBroker running;

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedBroker broker = ensureStarted();
        context.getRoot().getStore(ExtensionContext.Namespace.create(KafkaBrokerExtension.class))
                .getOrComputeIfAbsent(SharedBroker.class, key -> broker, SharedBroker.class);
    }

    /** {@code host:port} of the shared broker; starts it if needed. */
    public static String bootstrapServers() {
        return ensureStarted().broker.bootstrapServers();
    }

    /** The shared broker, e.g. to create extra topics. */
    public static EmbeddedKafkaBroker broker() {
        return ensureStarted().broker;
    }

    private static synchronized SharedBroker ensureStarted() {
        if (running == null || running.isClosed()) {
            running = SharedBroker.start(null);
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "onecall-kafka-shutdown"));
        }
        return running;
    }
}
