package org.onecall.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (KRaft, broker and controller in one process) running inside this JVM.
 *
 * <p>The log directory is formatted only the first time, so starting again on the same
 * directory and ports keeps the cluster id, topics and records: the standalone product relies
 * on that to survive restarts.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final String META_PROPERTIES = "meta.properties";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final String controllerServers;
    private final String clusterId;
    private final Admin admin;
    private final BrokerSecurity security;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, String controllerServers,
                                String clusterId, Admin admin, BrokerSecurity security) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.controllerServers = controllerServers;
        this.clusterId = clusterId;
        this.admin = admin;
        this.security = security;
    }

    /**
     * Starts a broker storing its data in {@code logDir} and returns once it accepts requests.
     *
     * @param port the client (PLAINTEXT) port; 0 picks a free one. The controller port is always
     *             picked freely: it is only used inside this process.
     */
    public static EmbeddedKafkaBroker start(Path logDir, int port) {
        return start(logDir, port, null);
    }

    /**
     * Starts a broker whose client listener requires SASL/SCRAM-SHA-512 and whose authorizer
     * allows each account exactly its ACLs ({@code security} null: the plain broker of
     * {@link #start(Path, int)}). A fresh directory gets the credentials at format time. On an
     * existing one they are set again by the admin, so a changed password works; and when the
     * admin itself cannot sign in (a directory formatted by a plain broker, or a changed admin
     * password), a short maintenance start on a free port sets them first. The ACLs are made to
     * equal the accounts' on every start, and this returns only once the broker enforces them.
     *
     * <p>The controller listener stays on localhost, but it is not left open: a client there
     * could send requests in the name of any principal (the broker-to-controller envelope), so it
     * takes SASL/PLAIN with a password made up at each start that never leaves this process.
     */
    public static EmbeddedKafkaBroker start(Path logDir, int port, BrokerSecurity security) {
        long startedAt = System.nanoTime();
        EmbeddedKafkaBroker broker;
        try {
            Files.createDirectories(logDir);
            try {
                broker = launch(logDir, port, security, false);
            } catch (CredentialRejected e) {
                LOG.info("The admin cannot sign in to the Kafka data in {} (formatted by a plain broker, or the password"
                        + " changed): setting the credentials in a maintenance start", logDir);
                launch(logDir, 0, security, true).close();
                broker = launch(logDir, port, security, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info("Embedded Kafka {} ready on {} ({}) in {} ms (data in {})", broker.clusterId, broker.bootstrapServers,
                security == null ? "PLAINTEXT" : BrokerSecurity.SECURITY_PROTOCOL + " " + BrokerSecurity.MECHANISM + " with ACLs",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), logDir);
        return broker;
    }

    /**
     * @param maintenance start on free ports with the client listener open only to this process's
     *                    own super user (PLAIN, a one-time password), only to set the credentials
     */
    private static EmbeddedKafkaBroker launch(Path logDir, int port, BrokerSecurity security, boolean maintenance)
            throws IOException {
        int[] free = freePorts(3);
        int clientPort = port == 0 ? free[0] : port;
        int controllerPort = free[1] != clientPort ? free[1] : free[2];
        Properties props = serverProperties(logDir, clientPort, controllerPort);
        String internalPassword = null;
        if (security != null) {
            internalPassword = SecureSettings.randomPassword();
            SecureSettings.apply(props, security, internalPassword, maintenance);
        }
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        Formatted formatted = formatIfNeeded(logDir, config, security);

        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        String bootstrap = "localhost:" + clientPort;
        Admin admin = null;
        try {
            server.startup();
            Map<String, Object> adminConfig = new HashMap<>();
            adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "onecall-embedded-broker-admin");
            if (security != null) {
                adminConfig.putAll(maintenance ? SecureSettings.internalClient(internalPassword)
                        : BrokerSecurity.clientSettings(BrokerSecurity.ADMIN, security.adminPassword()));
            }
            admin = Admin.create(adminConfig);
            awaitReady(admin, security != null);
            if (security != null && (maintenance || !formatted.now())) {
                SecureSettings.setCredentials(admin, security);
            }
            if (security != null && !maintenance) {
                if (!formatted.now()) {
                    SecureSettings.awaitCredentials(bootstrap, security, STARTUP_TIMEOUT);
                }
                Acls.sync(admin, security, STARTUP_TIMEOUT);
            }
        } catch (RuntimeException e) {
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
            server.shutdown();
            server.awaitShutdown();
            if (e instanceof CredentialRejected) {
                throw e;
            }
            throw new IllegalStateException("Could not start embedded Kafka on " + bootstrap
                    + " with data in " + logDir, e);
        }
        return new EmbeddedKafkaBroker(server, bootstrap, "localhost:" + controllerPort, formatted.clusterId(), admin, security);
    }

    /** The admin's SCRAM sign-in was refused: its credential is missing or differs. */
    private static final class CredentialRejected extends RuntimeException {
        CredentialRejected(Throwable cause) {
            super(cause);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String clusterId() {
        return clusterId;
    }

    /** The controller listener, for tests that check nobody else can use it. */
    String controllerServers() {
        return controllerServers;
    }

    public boolean isSecured() {
        return security != null;
    }

    /**
     * Everything a Kafka client needs to reach this broker as {@code username}: bootstrap servers
     * and, on a secured broker, the SASL settings. On a plain broker the credentials are not needed
     * and this is only the bootstrap servers.
     */
    public Map<String, Object> clientConfig(String username, String password) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        if (security != null) {
            config.putAll(BrokerSecurity.clientSettings(username, password));
        }
        return config;
    }

    /**
     * Creates the topics that do not exist yet; existing ones are left as they are (their
     * partition count and config are not changed).
     *
     * @param compacted the subset of {@code names} (or extra names) that get {@code cleanup.policy=compact}
     */
    public void createTopics(Collection<String> names, Collection<String> compacted, int partitions) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(newTopic(name, compacted.contains(name), partitions));
        }
        for (String name : compacted) {
            if (!names.contains(name)) {
                topics.add(newTopic(name, true, partitions));
            }
        }
        if (topics.isEmpty()) {
            return;
        }
        admin.createTopics(topics).values().forEach((name, future) -> {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Could not create topic " + name, e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating topic " + name, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Timed out creating topic " + name, e);
            }
        });
    }

    /** Stops the broker and waits until its threads are gone and its files are closed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        admin.close(Duration.ofSeconds(5));
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Embedded Kafka on {} stopped", bootstrapServers);
    }

    private static NewTopic newTopic(String name, boolean compacted, int partitions) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1);
        if (compacted) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return topic;
    }

    private static Properties serverProperties(Path logDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dir", logDir.toAbsolutePath().toString());
        p.put("num.partitions", "3");
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        return p;
    }

    private record Formatted(String clusterId, boolean now) {
    }

    /** Formats a fresh directory (with the SCRAM credentials, if secured); an already formatted one keeps its id. */
    private static Formatted formatIfNeeded(Path logDir, KafkaConfig config, BrokerSecurity security) throws IOException {
        Path meta = logDir.resolve(META_PROPERTIES);
        if (Files.exists(meta)) {
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(meta)) {
                props.load(in);
            }
            return new Formatted(props.getProperty("cluster.id"), false);
        }
        String clusterId = Uuid.randomUuid().toString();
        List<String> scram = new ArrayList<>();
        if (security != null) {
            scram.add(scramArgument(BrokerSecurity.ADMIN, security.adminPassword()));
            security.accounts().forEach(a -> scram.add(scramArgument(a.name(), a.password())));
        }
        // The Formatter talks to a PrintStream; keep that chatter out of the product's stdout.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setControllerListenerName(config.controllerListenerNames().head())
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(logDir.toAbsolutePath().toString())
                    .setScramArguments(scram)
                    .run();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka log dir " + logDir, e);
        }
        LOG.debug("Formatter: {}", out.toString(StandardCharsets.UTF_8).strip());
        return new Formatted(clusterId, true);
    }

    /** kafka-storage's --add-scram syntax; BrokerSecurity keeps quotes and separators out of passwords. */
    private static String scramArgument(String name, String password) {
        return BrokerSecurity.MECHANISM + "=[name=" + name + ",iterations=" + SecureSettings.SCRAM_ITERATIONS + ",password=\"" + password + "\"]";
    }

    private static void awaitReady(Admin admin, boolean secured) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            try {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (ExecutionException e) {
                // the broker serves requests only once it has read its metadata, credentials included,
                // so a refused sign-in is an answer, not a broker still starting
                if (secured && e.getCause() instanceof SaslAuthenticationException) {
                    throw new CredentialRejected(e.getCause());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Embedded Kafka did not become ready within " + STARTUP_TIMEOUT, e);
                }
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Embedded Kafka did not become ready within " + STARTUP_TIMEOUT, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for embedded Kafka", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Embedded Kafka has no live broker after " + STARTUP_TIMEOUT);
            }
        }
    }

    /** Holds all sockets open until every port is chosen, so the same port is not handed out twice. */
    private static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                socket.setReuseAddress(true);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is still free for the broker; nothing to clean up
                }
            }
        }
    }
}
