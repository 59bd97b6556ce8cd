package org.onecall.kit;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import java.util.Locale;
import java.util.Properties;

/**
 * The Kafka settings every client of a service shares, so the producer and hand-made consumers
 * sign in exactly like micronaut-kafka's listeners: the same {@code kafka.*} properties
 * (bootstrap servers, {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}).
 *
 * <p>Created at startup so that a SASL protocol without a username or password stops the service
 * with a sentence naming the setting, not a JAAS parse error from the first consumer.
 */
@Context
// kafka.enabled=false (repository tests) leaves no Kafka configuration, and nothing to sign in to
@Requires(beans = KafkaDefaultConfiguration.class)
public class KafkaClients {

    private final KafkaDefaultConfiguration defaults;

    KafkaClients(KafkaDefaultConfiguration defaults,
                 @Value("${kafka.security.protocol:PLAINTEXT}") String protocol,
                 @Value("${onecall.kafka.username:}") String username,
                 @Value("${onecall.kafka.password:}") String password) {
        this.defaults = defaults;
        if (protocol.toUpperCase(Locale.ROOT).startsWith("SASL")) {
            if (username.isBlank() || password.isBlank()) {
                throw new IllegalStateException("KAFKA_SECURITY_PROTOCOL is " + protocol
                        + ": set KAFKA_USERNAME and KAFKA_PASSWORD (this service's principal on the broker)");
            }
            // they go into a quoted JAAS string (the services' yml), where these would end it early
            if (username.contains("\"") || username.contains("\\") || password.contains("\"") || password.contains("\\")) {
                throw new IllegalStateException("KAFKA_USERNAME and KAFKA_PASSWORD must not contain \" or \\");
            }
        }
    }

    /** A fresh copy: bootstrap servers and sign-in, to which the caller adds its own settings. */
    public Properties properties() {
        Properties p = new Properties();
        p.putAll(defaults.getConfig());
        return p;
    }
}
