package org.onecall.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.DispatchApi;
import org.onecall.events.ServiceAccess;
import org.onecall.events.Topics;
import org.onecall.matcher.MatcherApp;
import org.onecall.notifier.NotifierApp;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker/compose.yml must give each service every setting that service reads from the
 * environment, so a container never silently runs on a default meant for a laptop (an H2 file
 * inside the container, Kafka on localhost).
 *
 * <p>A setting is an upper-case Micronaut placeholder, {@code ${NAME}} or {@code ${NAME:default}},
 * anywhere in a service's {@code application-<env>.yml}. The files are read from the classpath
 * (this module depends on all three services) and also, when the sources are next to this
 * module, from {@code <module>/src/main/resources}, so an edit is caught even before the service
 * jar is rebuilt and installed.
 *
 * <p>When you add {@code ${NEW_SETTING:...}} to a service, set {@code NEW_SETTING} for that
 * service in docker/compose.yml (and in docker/README.md's table). Only if the default really is
 * right in every container, add it to {@link #LEFT_TO_DEFAULT} with the reason.
 */
class ComposeSettingsTest {

    /** The compose service, the Micronaut environment its main class activates, its Maven module, its published host port. */
    record Service(String name, String environment, String module, int hostPort) {
    }

    static final List<Service> SERVICES = List.of(
            new Service("dispatch-api", DispatchApi.ENVIRONMENT, "dispatch-api", 8080),
            new Service("matcher", MatcherApp.ENVIRONMENT, "matcher", 8081),
            new Service("notifier", NotifierApp.ENVIRONMENT, "notifier", 8082));

    /**
     * Settings docker/compose.yml may leave to the default in application-&lt;env&gt;.yml, each with
     * the reason. Empty on purpose: compose sets every one explicitly (OFFER_TTL, JDBC_POOL_SIZE,
     * MATCHER_MAX_DISTANCE and ONECALL_DEMO too), so the values a deployment runs with are in one
     * place. Example entry: {@code Map.entry("OFFER_TTL", "the 10m default suits every deployment")}.
     */
    static final Map<String, String> LEFT_TO_DEFAULT = Map.ofEntries();

    static final String POSTGRES_INIT_DIR = "/docker-entrypoint-initdb.d";
    static final String KAFKA_INIT = "kafka-init";
    static final String KAFKA_SERVICE = "kafka";

    /** An environment placeholder: upper-case name right after "${", followed by ":" (default) or "}". */
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?=[:}])");
    /** Micronaut's ${NAME:default} where the whole value is one placeholder; the default may be in backticks. */
    static final Pattern WHOLE_PLACEHOLDER = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*)(?::`?([^`}]*)`?)?}$");
    static final Pattern JDBC_POSTGRES = Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?/]+)(?:\\?.*)?$");
    static final Pattern CREATE_ROLE = Pattern.compile(
            "CREATE\\s+(?:ROLE|USER)\\s+\"?(\\w+)\"?[^;]*?PASSWORD\\s+'([^']*)'", Pattern.CASE_INSENSITIVE);
    static final Pattern CREATE_DATABASE = Pattern.compile(
            "CREATE\\s+DATABASE\\s+\"?(\\w+)\"?[^;]*?OWNER\\s*=?\\s*\"?(\\w+)\"?", Pattern.CASE_INSENSITIVE);
    /** Compose interpolation: $$, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err}, ${VAR?err}, $VAR. */
    static final Pattern COMPOSE_VARIABLE = Pattern.compile(
            "\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    static Path repo;
    static Path dockerDir;
    static Map<String, Object> compose;
    static Map<String, Object> composeServices;

    @BeforeAll
    static void readCompose() {
        repo = findRepoRoot();
        dockerDir = repo.resolve("docker");
        compose = asMap(loadYaml(dockerDir.resolve("compose.yml")), "docker/compose.yml");
        composeServices = asMap(compose.get("services"), "services in docker/compose.yml");
    }

    @Test
    void everySettingAServiceReadsIsSetInCompose() {
        List<String> problems = new ArrayList<>();
        for (Service service : SERVICES) {
            Map<String, Set<String>> settings = settingsRead(service);
            assertTrue(settings.containsKey("KAFKA_BOOTSTRAP_SERVERS"),
                    service.name() + ": the placeholder scan found no KAFKA_BOOTSTRAP_SERVERS; is it reading the right files? " + settings);
            Map<String, String> env = environment(service.name());
            for (Map.Entry<String, Set<String>> setting : settings.entrySet()) {
                String name = setting.getKey();
                if (LEFT_TO_DEFAULT.containsKey(name)) {
                    continue;
                }
                if (!env.containsKey(name)) {
                    problems.add(service.name() + " reads ${" + name + "} (in " + setting.getValue()
                            + ") but docker/compose.yml does not set " + name + " in services." + service.name()
                            + ".environment: set it there (or allow-list it in ComposeSettingsTest.LEFT_TO_DEFAULT with a reason)");
                } else if (env.get(name) == null) {
                    problems.add(service.name() + ": " + name + " is listed without a value in docker/compose.yml, so it is"
                            + " taken from the shell that runs compose and is unset if that shell has none; give it a value"
                            + " (\"${" + name + ":-default}\" keeps it overridable)");
                } else {
                    Resolved value = resolveCompose(env.get(name));
                    // ${VAR:?message} is a secret the operator must give: compose refuses to start without it
                    // (VAR may differ from the setting: each service's KAFKA_PASSWORD is its own secret)
                    boolean requiredSecret = env.get(name).matches("\\$\\{[A-Za-z_][A-Za-z0-9_]*:\\?[^}]+}");
                    if (!value.unresolved().isEmpty() && !requiredSecret) {
                        problems.add(service.name() + ": " + name + "=" + env.get(name) + " depends on " + value.unresolved()
                                + " from the shell that runs compose, with no default; write ${VAR:-default}");
                    }
                }
            }
        }
        assertNoProblems(problems);
    }

    @Test
    void theAllowListOnlyNamesSettingsThatExist() {
        Set<String> read = new TreeSet<>();
        for (Service service : SERVICES) {
            read.addAll(settingsRead(service).keySet());
        }
        for (Map.Entry<String, String> entry : LEFT_TO_DEFAULT.entrySet()) {
            assertTrue(read.contains(entry.getKey()), "LEFT_TO_DEFAULT names " + entry.getKey() + ", which no service reads any more");
            assertTrue(!entry.getValue().isBlank(), "LEFT_TO_DEFAULT." + entry.getKey() + " needs a reason");
        }
    }

    @Test
    void eachServiceListensOnThePortComposePublishesBuildsAndProbes() {
        List<String> problems = new ArrayList<>();
        for (Service service : SERVICES) {
            Map<String, Object> definition = composeService(service.name());
            Object portValue = dig(serviceYaml(service), "micronaut", "server", "port");
            if (portValue == null) {
                problems.add(service.name() + ": application-" + service.environment() + ".yml has no micronaut.server.port");
                continue;
            }
            int port = effectivePort(service, String.valueOf(portValue), problems);
            if (port < 0) {
                continue;
            }

            Map<Integer, String> published = publishedPorts(definition.get("ports"));
            if (!published.containsKey(port)) {
                problems.add(service.name() + " listens on " + port + " but docker/compose.yml publishes container ports "
                        + published.keySet() + " for it");
            } else if (!String.valueOf(service.hostPort()).equals(published.get(port))) {
                problems.add(service.name() + ": container port " + port + " is published on host port " + published.get(port)
                        + ", docker/README.md promises " + service.hostPort());
            }

            Object buildPort = dig(definition, "build", "args", "PORT");
            if (buildPort != null && !String.valueOf(port).equals(resolveCompose(String.valueOf(buildPort)).value())) {
                problems.add(service.name() + ": build arg PORT (EXPOSE) is " + buildPort + " but the service listens on " + port);
            }

            Object test = dig(definition, "healthcheck", "test");
            String probe = test instanceof List<?> list ? String.join(" ", list.stream().map(String::valueOf).toList())
                    : String.valueOf(test);
            if (test == null || !probe.contains("/health") || !Pattern.compile("\\b" + port + "\\b").matcher(probe).find()) {
                problems.add(service.name() + ": the compose healthcheck should probe /health on port " + port + ", it is: " + test);
            }
        }
        assertNoProblems(problems);
    }

    @Test
    void jdbcUrlsPointAtThePostgresServiceWithTheDatabasesAndRolesItsInitScriptCreates() {
        List<String> problems = new ArrayList<>();
        int urls = 0;
        for (Service service : SERVICES) {
            Map<String, String> env = environment(service.name());
            for (String name : settingsRead(service).keySet()) {
                if (!name.endsWith("JDBC_URL") || env.get(name) == null) {
                    continue;
                }
                urls++;
                String url = resolveCompose(env.get(name)).value();
                Matcher m = JDBC_POSTGRES.matcher(url);
                if (!m.matches()) {
                    problems.add(service.name() + ": " + name + "=" + url + " is not jdbc:postgresql://<host>[:port]/<database>");
                    continue;
                }
                String host = m.group(1);
                String database = m.group(3);
                if (!composeServices.containsKey(host)) {
                    problems.add(service.name() + ": " + name + " points at host " + host + ", which is not a service in docker/compose.yml");
                    continue;
                }
                String image = String.valueOf(composeService(host).get("image"));
                if (!image.startsWith("postgres:")) {
                    problems.add(service.name() + ": " + name + " points at " + host + ", whose image is " + image + ", not postgres");
                }
                requireDependency(service.name(), host, "service_healthy", problems);
                if (m.group(2) != null && !"5432".equals(m.group(2))) {
                    problems.add(service.name() + ": " + name + " uses port " + m.group(2) + "; PostgreSQL listens on 5432");
                }

                String prefix = name.substring(0, name.length() - "URL".length());
                String user = valueOf(env, prefix + "USER");
                String password = valueOf(env, prefix + "PASSWORD");
                InitScript init = postgresInit(host);
                if (!init.databaseOwners().containsKey(database)) {
                    problems.add(service.name() + ": " + name + " names database " + database + ", which " + init.files()
                            + " does not create (it creates " + init.databaseOwners().keySet() + ")");
                } else if (!init.databaseOwners().get(database).equals(user)) {
                    problems.add(service.name() + ": " + prefix + "USER is " + user + " but database " + database + " is owned by "
                            + init.databaseOwners().get(database) + " in " + init.files());
                }
                if (!init.rolePasswords().containsKey(user)) {
                    problems.add(service.name() + ": " + prefix + "USER is " + user + ", a role " + init.files() + " does not create");
                } else if (!init.rolePasswords().get(user).equals(password)) {
                    problems.add(service.name() + ": " + prefix + "PASSWORD differs from role " + user + "'s password in " + init.files());
                }
            }
        }
        assertTrue(urls > 0, "found no *JDBC_URL setting in any service; dispatch-api and notifier each have a database");
        assertNoProblems(problems);
    }

    @Test
    void kafkaBootstrapServersAreTheBrokersInternalListenerAndTopicsExistFirst() {
        List<String> problems = new ArrayList<>();
        for (Service service : SERVICES) {
            String servers = valueOf(environment(service.name()), "KAFKA_BOOTSTRAP_SERVERS");
            if (servers == null) {
                continue; // reported by everySettingAServiceReadsIsSetInCompose
            }
            for (String server : servers.split(",")) {
                String hostPort = server.trim();
                String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
                if (!composeServices.containsKey(host)) {
                    problems.add(service.name() + ": KAFKA_BOOTSTRAP_SERVERS names " + hostPort + ", but " + host
                            + " is not a service in docker/compose.yml");
                    continue;
                }
                String advertised = valueOf(environment(host), "KAFKA_ADVERTISED_LISTENERS");
                if (advertised == null || !advertised.contains("://" + hostPort)) {
                    problems.add(service.name() + ": KAFKA_BOOTSTRAP_SERVERS " + hostPort + " is not one of " + host
                            + "'s advertised listeners (" + advertised + ")");
                }
                requireDependency(service.name(), host, "service_healthy", problems);
            }
            requireDependency(service.name(), KAFKA_INIT, "service_completed_successfully", problems);
        }
        assertNoProblems(problems);
    }

    @Test
    void kafkaInitCreatesEveryTopicWithTheRightCleanupPolicyAndPartitions() {
        Map<String, String> env = environment(KAFKA_INIT);
        Set<String> plain = words(valueOf(env, "TOPICS"));
        Set<String> compacted = words(valueOf(env, "COMPACTED_TOPICS"));
        Set<String> expectedCompacted = new TreeSet<>(Topics.COMPACTED);
        Set<String> expectedPlain = new TreeSet<>(Topics.ALL);
        expectedPlain.removeAll(expectedCompacted);
        assertEquals(expectedPlain, plain, "kafka-init TOPICS in docker/compose.yml vs org.onecall.events.Topics");
        assertEquals(expectedCompacted, compacted, "kafka-init COMPACTED_TOPICS in docker/compose.yml vs Topics.COMPACTED");
        assertEquals(String.valueOf(Standalone.PARTITIONS), valueOf(env, "PARTITIONS"),
                "kafka-init PARTITIONS should match the standalone broker's");
    }

    /**
     * Service authentication on Kafka (README, "Service authentication"): the broker takes no client
     * that does not sign in and allows nothing that is not granted; each service signs in as its own
     * principal with the password kafka-init gave that principal; and kafka-init grants exactly
     * what {@link ServiceAccess} lists.
     */
    @Test
    void eachServiceSignsInToKafkaAsItselfAndKafkaInitGrantsExactlyServiceAccess() {
        List<String> problems = new ArrayList<>();
        Map<String, String> broker = environment(KAFKA_SERVICE);
        Map<String, String> init = environment(KAFKA_INIT);

        Map<String, String> protocols = new TreeMap<>();
        for (String entry : valueOf(broker, "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
            String[] pair = entry.trim().split(":");
            protocols.put(pair[0], pair[1]);
        }
        protocols.forEach((listener, protocol) -> {
            if (!protocol.startsWith("SASL_")) {
                problems.add("kafka: listener " + listener + " is " + protocol + ": every listener must make clients sign in");
            }
        });
        if (!"org.apache.kafka.metadata.authorizer.StandardAuthorizer".equals(valueOf(broker, "KAFKA_AUTHORIZER_CLASS_NAME"))) {
            problems.add("kafka: KAFKA_AUTHORIZER_CLASS_NAME should be KRaft's StandardAuthorizer");
        }
        if (!"false".equals(valueOf(broker, "KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"))) {
            problems.add("kafka: KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND must be false (a topic without ACLs is nobody's)");
        }
        String superUsers = String.valueOf(valueOf(broker, "KAFKA_SUPER_USERS"));
        if (superUsers.contains("ANONYMOUS") || ServiceAccess.SERVICES.stream().anyMatch(g -> superUsers.contains("User:" + g.principal()))) {
            problems.add("kafka: KAFKA_SUPER_USERS is " + superUsers + "; neither anonymous clients nor a service may be a super user");
        }
        if (!Objects.equals(secretVariable(broker.get("ADMIN_PASSWORD")), secretVariable(init.get("ADMIN_PASSWORD")))
                || secretVariable(broker.get("ADMIN_PASSWORD")) == null) {
            problems.add("kafka and kafka-init must take ADMIN_PASSWORD from the same required variable: "
                    + broker.get("ADMIN_PASSWORD") + " / " + init.get("ADMIN_PASSWORD"));
        }
        Set<String> mechanisms = words(valueOf(broker, "KAFKA_SASL_ENABLED_MECHANISMS"));
        String advertised = String.valueOf(valueOf(broker, "KAFKA_ADVERTISED_LISTENERS"));

        Set<String> principals = new TreeSet<>();
        for (Service service : SERVICES) {
            Map<String, String> env = environment(service.name());
            ServiceAccess.Grant grant = ServiceAccess.of(service.name());
            principals.add(grant.principal());
            String protocol = valueOf(env, "KAFKA_SECURITY_PROTOCOL");
            for (String server : String.valueOf(valueOf(env, "KAFKA_BOOTSTRAP_SERVERS")).split(",")) {
                Matcher m = Pattern.compile("(\\w+)://" + Pattern.quote(server.trim())).matcher(advertised);
                if (m.find() && !protocols.getOrDefault(m.group(1), "").equals(protocol)) {
                    problems.add(service.name() + ": KAFKA_SECURITY_PROTOCOL is " + protocol + " but the broker's listener "
                            + m.group(1) + " at " + server.trim() + " is " + protocols.get(m.group(1)));
                }
            }
            if (!mechanisms.contains(valueOf(env, "KAFKA_SASL_MECHANISM"))) {
                problems.add(service.name() + ": KAFKA_SASL_MECHANISM " + valueOf(env, "KAFKA_SASL_MECHANISM")
                        + " is not one the broker enables " + mechanisms);
            }
            if (!grant.principal().equals(valueOf(env, "KAFKA_USERNAME"))) {
                problems.add(service.name() + ": KAFKA_USERNAME is " + valueOf(env, "KAFKA_USERNAME") + ", its principal is "
                        + grant.principal());
            }
            String prefix = grant.principal().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
            String mine = secretVariable(env.get("KAFKA_PASSWORD"));
            String granted = secretVariable(init.get(prefix + "_PASSWORD"));
            if (mine == null || !mine.equals(granted)) {
                problems.add(service.name() + ": KAFKA_PASSWORD (" + env.get("KAFKA_PASSWORD") + ") and kafka-init's " + prefix
                        + "_PASSWORD (" + init.get(prefix + "_PASSWORD") + ") must be the same required variable");
            }
            for (String other : SERVICES.stream().map(Service::name).filter(n -> !n.equals(service.name())).toList()) {
                if (mine != null && mine.equals(secretVariable(environment(other).get("KAFKA_PASSWORD")))) {
                    problems.add(service.name() + " and " + other + " share the Kafka password " + mine + ": each needs its own");
                }
            }
            compareWords(problems, init, prefix + "_READS", grant.reads());
            compareWords(problems, init, prefix + "_WRITES", grant.writes());
            compareWords(problems, init, prefix + "_GROUPS", grant.groups());
        }
        Set<String> expected = new TreeSet<>();
        ServiceAccess.SERVICES.forEach(g -> expected.add(g.principal()));
        assertEquals(expected, principals, "every ServiceAccess principal is a compose service");
        if (!expected.equals(words(valueOf(init, "SERVICES")))) {
            problems.add("kafka-init: SERVICES is " + valueOf(init, "SERVICES") + ", ServiceAccess has " + expected);
        }
        assertNoProblems(problems);
    }

    static void compareWords(List<String> problems, Map<String, String> env, String name, Set<String> expected) {
        Set<String> actual = words(valueOf(env, name));
        if (!new TreeSet<>(expected).equals(actual)) {
            problems.add("kafka-init: " + name + " is " + actual + ", ServiceAccess says " + new TreeSet<>(expected));
        }
    }

    /** The variable of a required secret, ${VAR:?message}; null for anything else. */
    static String secretVariable(String raw) {
        if (raw == null) {
            return null;
        }
        Matcher m = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*):\\?[^}]+}$").matcher(raw);
        return m.matches() ? m.group(1) : null;
    }

    /** The scanner itself: nested placeholders, backtick defaults, property references that are not environment variables. */
    @Test
    void placeholderScanFindsEnvironmentNamesOnly() {
        Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(String.join("\n",
                "a:",
                "  url: ${JDBC_URL:`jdbc:h2:mem:x;MODE=PostgreSQL`}",
                "  port: ${PORT}",
                "  nested: ${OUTER:${INNER_2:5}}",
                "  ref: ${micronaut.server.port}",
                "  text: plain $NOT_A_PLACEHOLDER",
                "  list: [\"${IN_A_LIST:x}\"]",
                "  # ${IN_A_COMMENT}",
                "${AS_A_KEY:k}: 1"));
        Set<String> names = new TreeSet<>();
        placeholders(yaml, names);
        assertEquals(new TreeSet<>(List.of("AS_A_KEY", "INNER_2", "IN_A_LIST", "JDBC_URL", "OUTER", "PORT")), names);

        assertEquals("8080", resolveCompose("${DISPATCH_PORT:-8080}").value());
        assertEquals("a$b", resolveCompose("a$$b").value());
        assertEquals(Set.of("UNSET_VAR"), resolveCompose("x${UNSET_VAR}").unresolved());
        assertEquals("KAFKA_MATCHER_PASSWORD", secretVariable("${KAFKA_MATCHER_PASSWORD:?set it (e.g. openssl rand -hex 24)}"));
        assertEquals(null, secretVariable("${KAFKA_MATCHER_PASSWORD:-a default is no secret}"));
        assertEquals(Map.of(8080, "8080"), publishedPorts(List.of("8080:8080")));
        assertEquals(Map.of(9094, "9094"), publishedPorts(List.of("127.0.0.1:9094:9094/tcp")));
        assertEquals(Map.of(8081, "18081"), publishedPorts(List.of(Map.of("target", 8081, "published", "18081"))));
    }

    // ---------------------------------------------------------------------------------------------
    // the services' settings

    /** Setting name → the files that mention it, for one service. */
    static Map<String, Set<String>> settingsRead(Service service) {
        Map<String, Set<String>> found = new TreeMap<>();
        for (Map.Entry<String, Object> file : serviceYamlFiles(service).entrySet()) {
            Set<String> names = new TreeSet<>();
            placeholders(file.getValue(), names);
            for (String name : names) {
                found.computeIfAbsent(name, n -> new TreeSet<>()).add(file.getKey());
            }
        }
        return found;
    }

    /** The service's own application-&lt;env&gt;.yml, as Micronaut would read it in the container. */
    static Map<String, Object> serviceYaml(Service service) {
        Map<String, Object> files = serviceYamlFiles(service);
        String own = service.module() + "/src/main/resources/application-" + service.environment() + ".yml";
        Object yaml = files.containsKey(own) ? files.get(own) : files.values().iterator().next();
        return asMap(yaml, "application-" + service.environment() + ".yml");
    }

    /** Label → parsed YAML: from the classpath and, if present, the module's sources (which may be newer). */
    static Map<String, Object> serviceYamlFiles(Service service) {
        Map<String, Object> files = new LinkedHashMap<>();
        for (String name : List.of("application-" + service.environment() + ".yml", "application-" + service.environment() + ".yaml")) {
            try {
                Enumeration<URL> urls = ComposeSettingsTest.class.getClassLoader().getResources(name);
                while (urls.hasMoreElements()) {
                    URL url = urls.nextElement();
                    try (InputStream in = url.openStream()) {
                        files.put("classpath:" + url, yaml().load(in));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path resources = repo.resolve(service.module()).resolve("src/main/resources");
        for (String name : List.of("application.yml", "application.yaml",
                "application-" + service.environment() + ".yml", "application-" + service.environment() + ".yaml")) {
            Path file = resources.resolve(name);
            if (Files.isRegularFile(file)) {
                files.put(service.module() + "/src/main/resources/" + name, loadYaml(file));
            }
        }
        if (files.isEmpty()) {
            fail(service.name() + ": found no application-" + service.environment() + ".yml on the classpath or in "
                    + resources + "; did the module or its environment name change?");
        }
        return files;
    }

    /** Every upper-case placeholder name in the YAML tree's keys and string values. */
    static void placeholders(Object node, Set<String> names) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                placeholders(k, names);
                placeholders(v, names);
            });
        } else if (node instanceof Collection<?> list) {
            list.forEach(item -> placeholders(item, names));
        } else if (node instanceof String text) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
    }

    /** The port the service listens on in compose: its *_PORT setting there, else the yml default. */
    static int effectivePort(Service service, String portValue, List<String> problems) {
        Matcher m = WHOLE_PLACEHOLDER.matcher(portValue.trim());
        String value;
        if (m.matches()) {
            String fromCompose = valueOf(environment(service.name()), m.group(1));
            value = fromCompose != null ? fromCompose : m.group(2);
        } else {
            value = portValue.trim();
        }
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            problems.add(service.name() + ": cannot tell its port from micronaut.server.port=" + portValue + " (value: " + value + ")");
            return -1;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // docker/compose.yml

    @SuppressWarnings("unchecked")
    static Map<String, Object> composeService(String name) {
        Object service = composeServices.get(name);
        if (service == null) {
            fail("docker/compose.yml has no service " + name + " (it has " + composeServices.keySet() + ")");
        }
        return (Map<String, Object>) service;
    }

    /** A service's environment as compose gives it: env_file(s) first, then environment (map or list form). Null = no value. */
    static Map<String, String> environment(String serviceName) {
        Map<String, Object> service = composeService(serviceName);
        Map<String, String> env = new LinkedHashMap<>();
        Object envFiles = service.get("env_file");
        List<Object> files = envFiles instanceof List<?> l ? new ArrayList<>(l) : envFiles == null ? List.of() : List.of(envFiles);
        for (Object file : files) {
            Object path = file instanceof Map<?, ?> m ? m.get("path") : file;
            Path envFile = dockerDir.resolve(String.valueOf(path));
            if (!Files.isRegularFile(envFile)) {
                boolean required = !(file instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("required")));
                if (required) {
                    fail(serviceName + ": env_file " + envFile + " does not exist");
                }
                continue;
            }
            for (String line : readLines(envFile)) {
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                if (eq < 0) {
                    env.put(trimmed, null);
                } else {
                    env.put(trimmed.substring(0, eq).trim(), unquote(trimmed.substring(eq + 1).trim()));
                }
            }
        }
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (environment instanceof List<?> list) {
            for (Object item : list) {
                String entry = String.valueOf(item);
                int eq = entry.indexOf('=');
                if (eq < 0) {
                    env.put(entry, null);
                } else {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
        } else if (environment != null) {
            fail(serviceName + ": environment in docker/compose.yml is neither a map nor a list: " + environment);
        }
        return env;
    }

    /** The value compose would give, with ${VAR:-default} taken at its default; null if unset. */
    static String valueOf(Map<String, String> env, String name) {
        String raw = env.get(name);
        return raw == null ? null : resolveCompose(raw).value();
    }

    record Resolved(String value, Set<String> unresolved) {
    }

    /** Compose-file interpolation as it happens with an empty shell: defaults apply, bare ${VAR} stays unresolved. */
    static Resolved resolveCompose(String raw) {
        Matcher m = COMPOSE_VARIABLE.matcher(raw);
        StringBuilder out = new StringBuilder();
        Set<String> unresolved = new TreeSet<>();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else if (m.group(2) != null && m.group(2).endsWith("-")) {
                replacement = m.group(3);
            } else {
                unresolved.add(m.group(1) != null ? m.group(1) : m.group(4));
                replacement = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return new Resolved(out.toString(), unresolved);
    }

    /** Container port → host port (empty when Docker picks one), from the short or the long syntax. */
    static Map<Integer, String> publishedPorts(Object ports) {
        Map<Integer, String> published = new LinkedHashMap<>();
        if (!(ports instanceof List<?> list)) {
            return published;
        }
        for (Object entry : list) {
            if (entry instanceof Map<?, ?> map) {
                Object target = map.get("target");
                if (target != null) {
                    published.put(Integer.parseInt(String.valueOf(target)), String.valueOf(map.get("published")));
                }
                continue;
            }
            String spec = resolveCompose(String.valueOf(entry)).value();
            int slash = spec.indexOf('/');
            if (slash >= 0) {
                spec = spec.substring(0, slash);
            }
            String[] parts = spec.split(":", -1);
            String container = parts[parts.length - 1];
            if (!container.matches("\\d+")) {
                continue; // a range: not what our services use
            }
            String host = parts.length >= 2 ? parts[parts.length - 2] : ""; // empty: Docker picks a host port
            published.put(Integer.parseInt(container), host);
        }
        return published;
    }

    static void requireDependency(String service, String dependency, String condition, List<String> problems) {
        Object dependsOn = composeService(service).get("depends_on");
        if (dependsOn instanceof Map<?, ?> map && map.get(dependency) instanceof Map<?, ?> spec) {
            if (!condition.equals(spec.get("condition"))) {
                problems.add(service + ": depends_on." + dependency + " has condition " + spec.get("condition")
                        + ", it should be " + condition);
            }
        } else {
            problems.add(service + " should depend on " + dependency + " with condition " + condition
                    + " (depends_on is " + dependsOn + ")");
        }
    }

    record InitScript(List<String> files, Map<String, String> databaseOwners, Map<String, String> rolePasswords) {
    }

    /** The SQL files the postgres service mounts into its init directory, and what they create. */
    static InitScript postgresInit(String postgresService) {
        List<String> files = new ArrayList<>();
        Map<String, String> owners = new TreeMap<>();
        Map<String, String> passwords = new TreeMap<>();
        Object volumes = composeService(postgresService).get("volumes");
        for (Object volume : volumes instanceof List<?> l ? l : List.of()) {
            String source;
            String target;
            if (volume instanceof Map<?, ?> map) {
                source = String.valueOf(map.get("source"));
                target = String.valueOf(map.get("target"));
            } else {
                String[] parts = String.valueOf(volume).split(":");
                if (parts.length < 2) {
                    continue;
                }
                source = parts[0];
                target = parts[1];
            }
            if (!target.startsWith(POSTGRES_INIT_DIR) || !(source.startsWith(".") || source.startsWith("/"))) {
                continue;
            }
            Path path = dockerDir.resolve(source).normalize();
            List<Path> sqlFiles = new ArrayList<>();
            if (Files.isDirectory(path)) {
                try (var stream = Files.list(path)) {
                    stream.filter(p -> p.toString().endsWith(".sql")).sorted().forEach(sqlFiles::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (path.toString().endsWith(".sql")) {
                sqlFiles.add(path);
            }
            for (Path sql : sqlFiles) {
                files.add(repo.relativize(sql).toString());
                String text = String.join("\n", readLines(sql)).replaceAll("--[^\n]*", "");
                Matcher db = CREATE_DATABASE.matcher(text);
                while (db.find()) {
                    owners.put(db.group(1), db.group(2));
                }
                Matcher role = CREATE_ROLE.matcher(text);
                while (role.find()) {
                    passwords.put(role.group(1), role.group(2));
                }
            }
        }
        if (files.isEmpty()) {
            fail(postgresService + " mounts no .sql file into " + POSTGRES_INIT_DIR + " in docker/compose.yml");
        }
        return new InitScript(files, owners, passwords);
    }

    // ---------------------------------------------------------------------------------------------
    // plumbing

    /** The repository root: the nearest directory at or above user.dir with docker/compose.yml. */
    static Path findRepoRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker/compose.yml"))) {
                return dir;
            }
        }
        return fail("no docker/compose.yml at or above " + start);
    }

    static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    static Object loadYaml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object yaml, String what) {
        if (!(yaml instanceof Map<?, ?>)) {
            fail(what + " is not a YAML mapping: " + yaml);
        }
        return (Map<String, Object>) yaml;
    }

    static Object dig(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    static Set<String> words(String text) {
        Set<String> words = new TreeSet<>();
        if (text != null) {
            for (String word : text.trim().split("[\\s,]+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    static void assertNoProblems(List<String> problems) {
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s) with docker/compose.yml:\n  - " + String.join("\n  - ", new LinkedHashSet<>(problems)));
        }
    }
}
