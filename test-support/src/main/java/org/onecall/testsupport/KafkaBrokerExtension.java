package org.onecall.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.onecall.events.Topics;
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

    public static final int PARTITIONS = 3;

    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        Running broker = ensureStarted();
        context.getRoot().getStore(ExtensionContext.Namespace.create(KafkaBrokerExtension.class))
                .getOrComputeIfAbsent(Running.class, key -> broker, Running.class);
    }

    /** {@code host:port} of the shared broker; starts it if needed. */
    public static String bootstrapServers() {
        return ensureStarted().broker.bootstrapServers();
    }

    /** The shared broker, e.g. to create extra topics. */
    public static EmbeddedKafkaBroker broker() {
        return ensureStarted().broker;
    }

    private static synchronized Running ensureStarted() {
        if (running == null) {
            running = Running.start();
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "onecall-kafka-shutdown"));
        }
        return running;
    }

    private static synchronized void forget(Running closed) {
        if (running == closed) {
            running = null;
        }
    }

    // JUnit 5.13+ closes stored AutoCloseables (and warns about a bare CloseableResource);
    // older 5.x only knows CloseableResource. close() is idempotent either way.
    @SuppressWarnings("deprecation")
    private static final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final EmbeddedKafkaBroker broker;
        private final Path dir;
        private boolean closed;

        private Running(EmbeddedKafkaBroker broker, Path dir) {
            this.broker = broker;
            this.dir = dir;
        }

        static Running start() {
            try {
                Path dir = Files.createTempDirectory("onecall-kafka-test-");
                EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0);
                broker.createTopics(Topics.ALL, Topics.COMPACTED, PARTITIONS);
                return new Running(broker, dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            forget(this);
            broker.close();
            Directories.deleteQuietly(dir);
        }
    }
}
