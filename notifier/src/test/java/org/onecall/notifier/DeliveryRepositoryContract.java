package org.onecall.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the notifier needs from its table, on each database it runs on (H2 in the standalone
 * product, PostgreSQL when distributed): the Flyway migration, the queries, and the unique key
 * that makes a redelivered event a no-op.
 */
abstract class DeliveryRepositoryContract {

    @Inject
    DeliveryRepository repository;
    @Property(name = "datasources.notifier.url")
    String url;
    @Property(name = "datasources.notifier.username")
    String username;
    /** Not empty for H2: application-notifier.yml's default {@code ${NOTIFIER_JDBC_PASSWORD:``}} resolves to two backticks. */
    @Property(name = "datasources.notifier.password")
    String password;

    /** A plain JDBC connection to the same database, past Micronaut. */
    Connection jdbc() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    @Test
    void theFlywayMigrationOfDatasourceNotifierWasApplied() throws SQLException {
        try (Connection c = jdbc(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select version, success from flyway_schema_history where version is not null"
                     + " order by installed_rank")) {
            for (String version : java.util.List.of("1", "2", "3", "4", "5", "6", "10")) {
                assertTrue(rs.next(), "migration " + version + " was recorded");
                assertEquals(version, rs.getString(1));
                assertTrue(rs.getBoolean(2));
            }
            assertFalse(rs.next());
        }
    }

    @Test
    void aDeliveryIsStoredAndReadBackAsItWas() {
        String recipient = "volunteer-" + UUID.randomUUID();
        Delivery saved = repository.save(delivery(UUID.randomUUID(), recipient, "{\"text\":\"新任务：代购药品，幸福里\"}"));
        assertNotNull(saved.id(), "the id is generated");

        List<Delivery> found = repository.findTop50ByRecipientOrderByIdDesc(recipient);
        assertEquals(List.of(saved), found);
        assertEquals("{\"text\":\"新任务：代购药品，幸福里\"}", found.get(0).body());
    }

    @Test
    void theNewest50OfOneRecipientComeNewestFirst() {
        String recipient = "volunteer-" + UUID.randomUUID();
        List<Delivery> saved = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            saved.add(repository.save(delivery(UUID.randomUUID(), recipient, "{\"n\":" + i + "}")));
        }
        repository.save(delivery(UUID.randomUUID(), "volunteer-" + UUID.randomUUID(), "{}"));

        List<Delivery> found = repository.findTop50ByRecipientOrderByIdDesc(recipient);

        assertEquals(50, found.size());
        assertEquals(saved.get(54), found.get(0));
        assertEquals(saved.get(5), found.get(49));
        assertTrue(found.stream().allMatch(d -> d.recipient().equals(recipient)));
    }

    @Test
    void existsFindsTheExactEventChannelAndRecipient() {
        UUID eventId = UUID.randomUUID();
        String recipient = "volunteer-" + UUID.randomUUID();
        repository.save(delivery(eventId, recipient, "{}"));

        assertTrue(repository.existsByEventIdAndChannelAndRecipient(eventId, Deliveries.SSE, recipient));
        assertFalse(repository.existsByEventIdAndChannelAndRecipient(eventId, "SMS", recipient));
        assertFalse(repository.existsByEventIdAndChannelAndRecipient(eventId, Deliveries.SSE, recipient + "x"));
        assertFalse(repository.existsByEventIdAndChannelAndRecipient(UUID.randomUUID(), Deliveries.SSE, recipient));
    }

    @Test
    void theUniqueKeyRejectsASecondDeliveryOfTheSameEventToTheSamePersonOnTheSameChannel() {
        UUID eventId = UUID.randomUUID();
        String recipient = "volunteer-" + UUID.randomUUID();
        repository.save(delivery(eventId, recipient, "{\"first\":true}"));

        assertThrows(DataAccessException.class, () -> repository.save(delivery(eventId, recipient, "{\"again\":true}")));

        // another person or another channel for the same event is a different delivery
        repository.save(delivery(eventId, recipient + "-2", "{}"));
        repository.save(new Delivery(null, eventId, "SMS", recipient, "OfferMade", 1, "{}", now()));
        List<Delivery> found = repository.findTop50ByRecipientOrderByIdDesc(recipient);
        assertEquals(2, found.size());
        assertEquals(1, found.stream().filter(d -> d.channel().equals(Deliveries.SSE)).count());
        assertEquals("{\"first\":true}", found.stream().filter(d -> d.channel().equals(Deliveries.SSE))
                .findFirst().orElseThrow().body());
    }

    private static Delivery delivery(UUID eventId, String recipient, String body) {
        return new Delivery(null, eventId, Deliveries.SSE, recipient, "OfferMade", 7, body, now());
    }

    /** Both databases keep at least this precision. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
