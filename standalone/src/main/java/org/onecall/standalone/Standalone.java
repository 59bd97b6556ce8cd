package org.onecall.standalone;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.onecall.dispatch.DispatchApi;
import org.onecall.events.ServiceAccess;
import org.onecall.events.Topics;
import org.onecall.kafka.embedded.BrokerSecurity;
import org.onecall.kafka.embedded.EmbeddedKafkaBroker;
import org.onecall.matcher.MatcherApp;
import org.onecall.notifier.NotifierApp;
import org.onecall.smssim.SimSettings;
import org.onecall.smssim.SmsSimulator;

/**
 * The embedded default: starts a Kafka broker inside this JVM (data under ./data/kafka), then
 * dispatch-api, matcher and notifier in one application context. The services are the same code
 * that runs on its own in docker/; only configuration differs.
 */
public final class Standalone implements AutoCloseable {

    public static final String ENVIRONMENT = "standalone";
    static final int PARTITIONS = 3;
    // the property behind env ONECALL_JWT_SECRET, read by every service
    static final String JWT_SECRET = "onecall.jwt.secret";
    /**
     * The principal the three services share on the embedded broker: in one JVM with one Kafka
     * configuration they cannot be told apart, so it may do what any of them may (ServiceAccess).
     */
    static final String SERVICES_PRINCIPAL = "onecall";
    /**
     * As in each service's own settings. DB_CLOSE_ON_EXIT=FALSE: the services close their pools on
     * shutdown; H2's own shutdown hook would close the files under them while they still write.
     * WRITE_DELAY=0: H2 writes a commit to its file at once, not within the next 500 ms, so a process
     * killed right after answering 201 has not lost what it acknowledged (StandaloneCrashTest).
     */
    public static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

    /** The SMS simulator's port (env ONECALL_SMS_PORT; 0: any free port). */
    public static final String SMS_PORT = "onecall.standalone.sms-port";

    private final EmbeddedKafkaBroker broker;
    private final SmsSimulator sms;
    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final Secrets.KafkaPasswords kafkaPasswords;

    private Standalone(EmbeddedKafkaBroker broker, SmsSimulator sms, ApplicationContext context,
                       Secrets.KafkaPasswords kafkaPasswords) {
        this.broker = broker;
        this.sms = sms;
        this.context = context;
        // looked up now: during shutdown a lookup could create beans again (a data source on a closed database)
        this.server = context.getBean(EmbeddedServer.class);
        this.kafkaPasswords = kafkaPasswords;
    }

    /**
     * @param dataDir   where the broker keeps its log (H2 files are configured by JDBC URLs)
     * @param kafkaPort 0 for any free port
     * @param extra     properties that win over every file (tests use them)
     */
    public static Standalone start(Path dataDir, int kafkaPort, Map<String, Object> extra, String... args) {
        // anyone on this machine can reach localhost:<kafkaPort>: the broker takes only signed-in clients
        Secrets.KafkaPasswords passwords = Secrets.kafkaPasswords(dataDir);
        ServiceAccess.Grant grant = ServiceAccess.combined(SERVICES_PRINCIPAL);
        BrokerSecurity security = new BrokerSecurity(passwords.admin(), List.of(new BrokerSecurity.Account(
                grant.principal(), passwords.services(), grant.reads(), grant.writes(), grant.groups())));
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), kafkaPort, security);
        SmsSimulator sms = null;
        try {
            // the simulated provider keeps its messages in memory: fresh secrets at every start are enough
            SimSettings smsSettings = SimSettings.of(Integer.parseInt(String.valueOf(extra.getOrDefault(SMS_PORT, 0))),
                    "onecall-local", Secrets.random(), Secrets.random());
            sms = SmsSimulator.start(smsSettings);
            broker.createTopics(Topics.ALL, Topics.COMPACTED, PARTITIONS);
            Map<String, Object> props = new java.util.HashMap<>(extra);
            props.put("kafka.bootstrap.servers", broker.bootstrapServers());
            // what KAFKA_SECURITY_PROTOCOL, KAFKA_USERNAME and KAFKA_PASSWORD give a service on its own
            props.put("kafka.security.protocol", BrokerSecurity.SECURITY_PROTOCOL);
            props.put("kafka.sasl.mechanism", BrokerSecurity.MECHANISM);
            props.put("onecall.kafka.username", SERVICES_PRINCIPAL);
            props.put("onecall.kafka.password", passwords.services());
            props.putIfAbsent(JWT_SECRET, Secrets.jwtSecret(dataDir));
            props.putIfAbsent("onecall.sms.endpoint", sms.url());
            props.putIfAbsent("onecall.sms.access-key-id", smsSettings.accessKeyId());
            props.putIfAbsent("onecall.sms.access-key-secret", smsSettings.accessKeySecret());
            props.putIfAbsent("onecall.sms.callback-secret", smsSettings.callbackSecret());
            // the H2 files live in the data directory too (ONECALL_DATA), unless a database is named
            h2In(dataDir, props, "datasources.default.url", "JDBC_URL", "dispatch");
            h2In(dataDir, props, "datasources.notifier.url", "NOTIFIER_JDBC_URL", "notifier");
            ApplicationContext context = Micronaut.build(args)
                    .mainClass(Standalone.class)
                    // later environments win: standalone's settings override each service's
                    .environments(DispatchApi.ENVIRONMENT, MatcherApp.ENVIRONMENT, NotifierApp.ENVIRONMENT, ENVIRONMENT)
                    .properties(props)
                    .start();
            Standalone app = new Standalone(broker, sms, context, passwords);
            sms.receiptsTo(app.url() + "/notify/sms/receipts");
            sms.repliesTo(app.url() + "/notify/sms/replies");
            return app;
        } catch (RuntimeException e) {
            if (sms != null) {
                sms.close();
            }
            broker.close();
            throw e;
        }
    }

    private static void h2In(Path dataDir, Map<String, Object> props, String property, String env, String name) {
        if (!props.containsKey(property) && System.getenv(env) == null) {
            props.put(property, "jdbc:h2:file:" + dataDir.resolve(name).toAbsolutePath() + H2_OPTIONS);
        }
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        Path data = Path.of(System.getenv().getOrDefault("ONECALL_DATA", "data"));
        int kafkaPort = Integer.parseInt(System.getenv().getOrDefault("ONECALL_KAFKA_PORT", "19092"));
        Standalone app;
        try {
            app = start(data, kafkaPort, Map.of(SMS_PORT, System.getenv().getOrDefault("ONECALL_SMS_PORT", "8083")), args);
        } catch (RuntimeException e) {
            System.err.println("\nOneCall could not start: " + plainReason(e, kafkaPort) + "\n");
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "onecall-shutdown"));
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("%nOneCall 一个电话 is running (started in %d ms, Kafka at %s, data in %s)%n"
                        + "  console:  %s/console/   (operator desk, volunteer phone, coordinator queue, rates)%n"
                        + "  API:      %s/api   (sign in: POST /api/auth/login; see README)%n"
                        + "  OpenAPI:  %s/openapi/onecall.yml%n"
                        + "  health:   %s/health%n"
                        + "  phones:   %s/   (the SMS simulator: sign-in codes, offers, replies as a phone)%n"
                        + "  Kafka sign-in (SASL/SCRAM): the admin's password is in %s%n%n",
                ms, app.bootstrapServers(), data.toAbsolutePath(), app.url(), app.url(), app.url(), app.url(), app.smsUrl(),
                data.resolve(Secrets.KAFKA_FILE).toAbsolutePath());
    }

    /** What a person can act on, for the errors people meet when starting it (a port already taken). */
    static String plainReason(Throwable e, int kafkaPort) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return "a port is already in use (is OneCall already running?). The broker uses " + kafkaPort
                        + " (ONECALL_KAFKA_PORT), the web server 8080 (PORT), the SMS simulator 8083 (ONECALL_SMS_PORT): stop the other program or pick other ports.";
            }
        }
        return String.valueOf(e.getMessage());
    }

    public String url() {
        return "http://localhost:" + server.getPort();
    }

    /** The SMS simulator: its phones page, and its admin API for tests. */
    public String smsUrl() {
        return sms.url();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /**
     * What a Kafka client needs to use the embedded broker as its admin (a super user): bootstrap
     * servers and the SASL settings. For tests and benchmarks that look at the topics.
     */
    public Map<String, Object> kafkaAdminConfig() {
        return broker.clientConfig(BrokerSecurity.ADMIN, kafkaPasswords.admin());
    }

    public ApplicationContext context() {
        return context;
    }

    /**
     * Stops the SMS simulator, the services, then the broker. On SIGTERM Micronaut's own shutdown hook stops the server
     * (which stops the context) while this runs from ours: both must take the server's lock before the
     * context's, so this stops the server first; closing the context first deadlocked the two hooks
     * and Ctrl-C never ended {@code ./run}.
     */
    @Override
    public void close() {
        // the simulated provider first: its receipts and replies would otherwise meet a server half
        // stopped (500s in the log); what the notifier sends meanwhile fails and is retried after a restart
        try {
            sms.close();
        } finally {
            try {
                server.stop();
                if (context.isRunning()) {
                    context.close();
                }
            } finally {
                broker.close();
            }
        }
    }
}
