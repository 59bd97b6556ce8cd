package org.onecall.events;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which service may read and write which topic, and in which consumer groups: the broker's ACLs
 * are made from this table (the embedded broker of standalone and the tests, and
 * docker/kafka/kafka-init.sh through docker/compose.yml, checked by ComposeSettingsTest). Each
 * service signs in to Kafka as its own principal, {@code User:<name>}; whatever is not listed
 * here is refused, so a service that could be taken over still cannot forge another's events
 * (the matcher cannot raise a need, the notifier cannot propose a match).
 */
public final class ServiceAccess {

    public static final String DISPATCH_API = "dispatch-api";
    public static final String MATCHER = "matcher";
    public static final String NOTIFIER = "notifier";

    /** Consumer groups; the listeners name them with these constants, so a renamed group cannot lose its ACL. */
    public static final String GROUP_DISPATCH_MATCHES = "dispatch-api";
    public static final String GROUP_DISPATCH_INTAKE = "dispatch-api-intake";
    public static final String GROUP_MATCHER = "matcher";
    public static final String GROUP_NOTIFIER = "notifier";

    /**
     * One principal's rights.
     *
     * @param reads  topics it consumes
     * @param writes topics it produces to (the dead-letter topic for every consumer)
     * @param groups the consumer groups its listeners join
     */
    public record Grant(String principal, Set<String> reads, Set<String> writes, Set<String> groups) {
        public Grant {
            reads = Set.copyOf(reads);
            writes = Set.copyOf(writes);
            groups = Set.copyOf(groups);
        }
    }

    public static final List<Grant> SERVICES = List.of(
            // the single writer of need, offer, resource and account state (its outbox relay), takes proposals and
            // outside needs; follows the resources topic without a group so every instance's service circle sees every write,
            // and the needs topic without a group so every instance's coordinator queue stream sees every instance's changes
            new Grant(DISPATCH_API,
                    Set.of(Topics.MATCHES, Topics.INTAKE, Topics.RESOURCES, Topics.NEEDS),
                    Set.of(Topics.NEEDS, Topics.RESOURCES, Topics.ACCOUNTS, Topics.DEAD_LETTER),
                    Set.of(GROUP_DISPATCH_MATCHES, GROUP_DISPATCH_INTAKE)),
            // reads needs in its group and the whole resources topic without a group (every instance needs every resource)
            new Grant(MATCHER,
                    Set.of(Topics.NEEDS, Topics.RESOURCES),
                    Set.of(Topics.MATCHES, Topics.DEAD_LETTER),
                    Set.of(GROUP_MATCHER)),
            // reads the whole accounts topic without a group: every instance refuses every revoked token
            new Grant(NOTIFIER,
                    Set.of(Topics.NEEDS, Topics.ACCOUNTS),
                    Set.of(Topics.DEAD_LETTER),
                    Set.of(GROUP_NOTIFIER)));

    /** The grant of a service by principal name. */
    public static Grant of(String principal) {
        return SERVICES.stream().filter(g -> g.principal().equals(principal)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + principal + " in ServiceAccess"));
    }

    /**
     * Everything the three services may do, under one principal: standalone runs them in one JVM
     * with one Kafka client configuration, so they cannot be told apart there. It still cannot
     * create or delete topics, change ACLs or read anything but OneCall's topics.
     */
    public static Grant combined(String principal) {
        Set<String> reads = new LinkedHashSet<>();
        Set<String> writes = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        for (Grant g : SERVICES) {
            reads.addAll(g.reads());
            writes.addAll(g.writes());
            groups.addAll(g.groups());
        }
        return new Grant(principal, reads, writes, groups);
    }

    private ServiceAccess() {
    }
}
