package org.onecall.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.onecall.events.Topics;
import org.onecall.kafka.embedded.BrokerSecurity;
import org.onecall.kafka.embedded.EmbeddedKafkaBroker;

/** A broker with the OneCall topics, in a temporary directory deleted when it closes; shared by a test JVM. */
// JUnit 5.13+ closes stored AutoCloseables (and warns about a bare CloseableResource);
// older 5.x only knows CloseableResource. close() is idempotent either way.
@SuppressWarnings("deprecation")
final class SharedBroker implements org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource, AutoCloseable {

    static final int PARTITIONS = 3;

    final EmbeddedKafkaBroker broker;
    private final Path dir;
    private boolean closed;

    private SharedBroker(EmbeddedKafkaBroker broker, Path dir) {
        this.broker = broker;
        this.dir = dir;
    }

    /** @param security null for the plain broker */
    static SharedBroker start(BrokerSecurity security) {
        try {
            Path dir = Files.createTempDirectory("onecall-kafka-test-");
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0, security);
            broker.createTopics(Topics.ALL, Topics.COMPACTED, PARTITIONS);
            return new SharedBroker(broker, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closed by JUnit at the end of a run: a later run in the same JVM starts a new one. */
    synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        broker.close();
        Directories.deleteQuietly(dir);
    }
}
