package org.onecall.standalone;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The secrets of a standalone installation, each generated on first start and kept (owner-readable
 * only) in the data directory, so they survive a restart and no two installations share one: the
 * token-signing secret (unless ONECALL_JWT_SECRET is given) and the passwords with which the
 * services and the admin sign in to the embedded broker.
 */
final class Secrets {

    static final String KAFKA_FILE = "kafka-credentials.properties";

    /** The broker's admin (a super user: topics, credentials, ACLs) and the one principal the services share. */
    record KafkaPasswords(String admin, String services) {
    }

    static String jwtSecret(Path dataDir) {
        String fromEnv = System.getenv("ONECALL_JWT_SECRET");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        Path file = dataDir.resolve("jwt-secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            String secret = random();
            writePrivate(dataDir, file, out -> out.write(secret));
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /**
     * Anyone on this machine can reach the broker's port on localhost, so it takes only these
     * passwords (SASL/SCRAM) and each principal only its ACLs. A Kafka tool can sign in as the
     * admin with the password in this file (README, "Service authentication").
     */
    static KafkaPasswords kafkaPasswords(Path dataDir) {
        Path file = dataDir.resolve(KAFKA_FILE);
        try {
            Properties p = new Properties();
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(in);
                }
            }
            if (blank(p.getProperty("admin.password")) || blank(p.getProperty("services.password"))) {
                p.putIfAbsent("admin.password", random());
                p.putIfAbsent("services.password", random());
                writePrivate(dataDir, file, out -> p.store(out,
                        " Kafka sign-in of this OneCall installation (SASL/SCRAM-SHA-512), made on first start."
                                + " Delete the file to get new passwords at the next start."));
            }
            return new KafkaPasswords(p.getProperty("admin.password"), p.getProperty("services.password"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /** Creates the file owner-only before anything is written to it, so no one else ever reads the secret. */
    private static void writePrivate(Path dataDir, Path file, Content content) throws IOException {
        Files.createDirectories(dataDir);
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path temp = dataDir.resolve(file.getFileName() + ".new");
        Files.deleteIfExists(temp);
        if (posix) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            // on a file system without POSIX permissions the data directory's own protection has to do
            Files.createFile(temp);
        }
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            content.writeTo(out);
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private Secrets() {
    }
}
