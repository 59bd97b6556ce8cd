package org.onecall.kafka.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may connect to an {@link EmbeddedKafkaBroker} and what each may do: SASL/SCRAM-SHA-512 on the
 * client listener (the password never crosses the wire, the broker keeps only a salted hash) and
 * ACLs enforced by Kafka's StandardAuthorizer, with {@code allow.everyone.if.no.acl.found=false}.
 *
 * @param adminPassword the password of {@link #ADMIN}, the super user the broker itself and
 *                      operators use (it creates topics, credentials and ACLs)
 * @param accounts      everyone else, each allowed exactly its {@link Account} and nothing more
 */
public record BrokerSecurity(String adminPassword, List<Account> accounts) {

    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String ADMIN = "admin";
    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";

    public BrokerSecurity {
        requirePassword(ADMIN, adminPassword);
        accounts = List.copyOf(accounts);
        // the super users' names are taken: an account named like one would be a super user itself
        Set<String> taken = new java.util.HashSet<>(Set.of(ADMIN, SecureSettings.INTERNAL_USER));
        for (Account account : accounts) {
            if (!taken.add(account.name())) {
                throw new IllegalArgumentException("an account cannot be named " + account.name()
                        + ": that name is taken (by a super user or another account)");
            }
        }
    }

    /**
     * One principal ({@code User:<name>}) and exactly what it may do.
     *
     * @param reads  topics it may consume (and describe)
     * @param writes topics it may produce to (and describe); writing any topic also allows idempotent producers
     * @param groups consumer groups it may join and commit offsets in
     */
    public record Account(String name, String password, Set<String> reads, Set<String> writes, Set<String> groups) {
        public Account {
            if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("an account name is letters, digits, '.', '_' or '-': " + name);
            }
            requirePassword(name, password);
            reads = Set.copyOf(reads);
            writes = Set.copyOf(writes);
            groups = Set.copyOf(groups);
        }

        /** The ACLs that allow this account what it may do; nothing else is allowed. */
        public List<AclBinding> acls() {
            List<AclBinding> acls = new ArrayList<>();
            reads.stream().sorted().forEach(t -> acls.add(allow(ResourceType.TOPIC, t, AclOperation.READ)));
            writes.stream().sorted().forEach(t -> acls.add(allow(ResourceType.TOPIC, t, AclOperation.WRITE)));
            groups.stream().sorted().forEach(g -> acls.add(allow(ResourceType.GROUP, g, AclOperation.READ)));
            return acls;
        }

        private AclBinding allow(ResourceType type, String name, AclOperation operation) {
            return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                    new AccessControlEntry(principal(this.name), "*", operation, AclPermissionType.ALLOW));
        }

        @Override
        public String toString() {
            return "Account[" + name + ", reads=" + reads + ", writes=" + writes + ", groups=" + groups + "]";
        }
    }

    public static String principal(String name) {
        return "User:" + name;
    }

    /**
     * What a Kafka client needs, besides {@code bootstrap.servers}, to sign in as {@code username}:
     * the same three settings the services read from KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM
     * and KAFKA_USERNAME/KAFKA_PASSWORD.
     */
    public static Map<String, Object> clientSettings(String username, String password) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SECURITY_PROTOCOL);
        settings.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        settings.put(SaslConfigs.SASL_JAAS_CONFIG, jaas("org.apache.kafka.common.security.scram.ScramLoginModule", username, password));
        return settings;
    }

    /** A JAAS line for Kafka's parser, which reads quoted strings with backslash escapes. */
    static String jaas(String loginModule, String username, String password, String... extraOptions) {
        StringBuilder line = new StringBuilder(loginModule).append(" required username=").append(quote(username))
                .append(" password=").append(quote(password));
        for (int i = 0; i + 1 < extraOptions.length; i += 2) {
            line.append(' ').append(extraOptions[i]).append('=').append(quote(extraOptions[i + 1]));
        }
        return line.append(';').toString();
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static void requirePassword(String name, String password) {
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("the password of " + name + " must have at least 8 characters");
        }
        // the format-time --add-scram syntax is [name=...,password="..."]: keep it unambiguous
        if (password.contains("\"") || password.contains("\\") || password.contains(",") || password.contains("]")) {
            throw new IllegalArgumentException("the password of " + name + " must not contain \" \\ , or ]");
        }
    }

    @Override
    public String toString() {
        return "BrokerSecurity[" + accounts + "]";
    }
}
