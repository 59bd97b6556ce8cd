package org.onecall.kafka.embedded;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/** The broker side of {@link BrokerSecurity}: server properties, and the credentials of an existing directory. */
final class SecureSettings {

    /** Kafka's minimum for SCRAM-SHA-512, and the default of kafka-configs and kafka-storage. */
    static final int SCRAM_ITERATIONS = 4096;
    /** The PLAIN principal of the controller listener (a super user); only this process knows its password. */
    static final String INTERNAL_USER = "controller";

    private static final String SCRAM_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final String PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";

    /**
     * On top of the plain broker's properties: the client listener (renamed from PLAINTEXT, now a
     * misleading name) takes SCRAM, the controller listener PLAIN with a one-time password.
     *
     * @param maintenance the client listener takes only the internal PLAIN user, so nobody else
     *                    can connect while the credentials are being set
     */
    static void apply(Properties p, BrokerSecurity security, String internalPassword, boolean maintenance) {
        p.put("listeners", p.getProperty("listeners").replace("PLAINTEXT://", "CLIENT://"));
        p.put("advertised.listeners", p.getProperty("advertised.listeners").replace("PLAINTEXT://", "CLIENT://"));
        p.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", "CLIENT");
        String internalJaas = BrokerSecurity.jaas(PLAIN_MODULE, INTERNAL_USER, internalPassword,
                "user_" + INTERNAL_USER, internalPassword);
        if (maintenance) {
            p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
            p.put("listener.name.client.sasl.enabled.mechanisms", "PLAIN");
            p.put("listener.name.client.plain.sasl.jaas.config", internalJaas);
        } else {
            p.put("sasl.mechanism.inter.broker.protocol", BrokerSecurity.MECHANISM);
            p.put("listener.name.client.sasl.enabled.mechanisms", BrokerSecurity.MECHANISM);
            p.put("listener.name.client." + BrokerSecurity.MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                    BrokerSecurity.jaas(SCRAM_MODULE, BrokerSecurity.ADMIN, security.adminPassword()));
        }
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        // username/password: what this node presents to its own controller; user_controller: whom it accepts
        p.put("listener.name.controller.plain.sasl.jaas.config", internalJaas);
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", BrokerSecurity.principal(BrokerSecurity.ADMIN) + ";" + BrokerSecurity.principal(INTERNAL_USER));
        p.put("allow.everyone.if.no.acl.found", "false");
        // only the admin may create topics; a client asking for a missing one should hear "unknown topic"
        p.put("auto.create.topics.enable", "false");
    }

    /** Client settings of the internal PLAIN super user, for the maintenance start. */
    static Map<String, Object> internalClient(String internalPassword) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, BrokerSecurity.SECURITY_PROTOCOL);
        settings.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        settings.put(SaslConfigs.SASL_JAAS_CONFIG, BrokerSecurity.jaas(PLAIN_MODULE, INTERNAL_USER, internalPassword));
        return settings;
    }

    /** Upserts every credential (admin's too); the controller has them when this returns. */
    static void setCredentials(Admin admin, BrokerSecurity security) {
        List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        ScramCredentialInfo info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS);
        upserts.add(new UserScramCredentialUpsertion(BrokerSecurity.ADMIN, info, security.adminPassword()));
        for (BrokerSecurity.Account account : security.accounts()) {
            upserts.add(new UserScramCredentialUpsertion(account.name(), info, account.password()));
        }
        try {
            admin.alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting SCRAM credentials", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not set the SCRAM credentials", e);
        }
    }

    /**
     * Waits until every account can sign in to the broker: it learns changed credentials from the
     * metadata log a moment after the controller has them.
     */
    static void awaitCredentials(String bootstrap, BrokerSecurity security, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (BrokerSecurity.Account account : security.accounts()) {
            Map<String, Object> config = new HashMap<>(BrokerSecurity.clientSettings(account.name(), account.password()));
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "onecall-embedded-credential-check");
            try (Admin probe = Admin.create(config)) {
                while (true) {
                    try {
                        probe.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                        break;
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof SaslAuthenticationException) || System.nanoTime() > deadline) {
                            throw new IllegalStateException(account.name() + " cannot sign in to the broker", e.getCause());
                        }
                        Thread.sleep(20);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking credentials", e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the broker did not answer " + account.name(), e);
            }
        }
    }

    static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private SecureSettings() {
    }
}
