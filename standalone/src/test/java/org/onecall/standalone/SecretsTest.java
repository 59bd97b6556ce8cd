package org.onecall.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @TempDir
    Path data;

    @Test
    void kafkaPasswordsAreMadeOnceKeptOwnerOnlyAndDifferPerInstallation(@TempDir Path other) throws Exception {
        Secrets.KafkaPasswords first = Secrets.kafkaPasswords(data);
        assertTrue(first.admin().length() >= 32 && first.services().length() >= 32);
        assertNotEquals(first.admin(), first.services());
        assertEquals(first, Secrets.kafkaPasswords(data), "the same passwords at the next start");
        assertEquals(PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(data.resolve(Secrets.KAFKA_FILE)));
        assertNotEquals(first, Secrets.kafkaPasswords(other));
    }

    @Test
    void aFileMissingAPasswordGetsItWithoutLosingTheOther() throws Exception {
        Files.writeString(data.resolve(Secrets.KAFKA_FILE), "admin.password=kept-admin-password\n");
        Secrets.KafkaPasswords passwords = Secrets.kafkaPasswords(data);
        assertEquals("kept-admin-password", passwords.admin());
        assertTrue(passwords.services().length() >= 32);
        assertEquals(passwords, Secrets.kafkaPasswords(data));
    }
}
