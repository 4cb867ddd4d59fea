package app.wasla.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL of the integration tests; creates a test database when it is missing. Which
 * server:
 *
 * <ul>
 *   <li>{@code WASLA_TEST_PG_HOST} (host:port, default {@code 127.0.0.1:5432}, the server of the
 *       development machines and of .ci/run: trust auth, user {@code WASLA_TEST_PG_USER}, default
 *       postgres) when a server answers there;
 *   <li>otherwise an embedded PostgreSQL ({@link EmbeddedPostgresServer}) that this JVM starts on a
 *       free port the first time a test asks for a database, and stops when it ends. JVMs a test
 *       starts reach the same one through {@link #childEnvironment()}.
 * </ul>
 *
 * {@code WASLA_TEST_PG_EMBEDDED=never} fails instead of starting one, {@code =always} starts one
 * even when a server answers. Set {@code WASLA_TEST_PG_DB_SUFFIX} to keep two suites on one server
 * apart; the system property {@code wasla.test.fork} (surefire's fork number) keeps the suite's own
 * JVMs apart.
 */
public final class PostgresTestDatabase {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresTestDatabase.class);

  private static final String CONFIGURED_HOST =
      System.getenv().getOrDefault("WASLA_TEST_PG_HOST", "127.0.0.1:5432");
  private static final String EMBEDDED =
      System.getenv().getOrDefault("WASLA_TEST_PG_EMBEDDED", "auto");
  public static final String USER = System.getenv().getOrDefault("WASLA_TEST_PG_USER", "postgres");
  // Lets two suites share one server (two worktrees, say): each appends its own suffix to every
  // database name.
  // The suite runs in two JVMs at once (pom.xml, surefire's forkCount): each fork has databases of
  // its own, named after its number.
  private static final String SUFFIX =
      (System.getenv().getOrDefault("WASLA_TEST_PG_DB_SUFFIX", "")
              + forkSuffix(System.getProperty("wasla.test.fork", "")))
          .replaceAll("[^a-z0-9_]", "");

  private static String forkSuffix(String fork) {
    return fork.isBlank() || fork.startsWith("$") ? "" : "_f" + fork;
  }

  /** host:port of the server in use, once a test asked for it. */
  private static String host;

  private PostgresTestDatabase() {}

  /** The server's host:port, for a test that puts a {@link TcpProxy} in front of it. */
  public static synchronized String hostAndPort() {
    if (host == null) {
      host = choose();
    }
    return host;
  }

  /**
   * The environment for a JVM a test starts, so that it uses this JVM's server (an embedded one may
   * be the only server there is); empty while no test here has asked for PostgreSQL.
   */
  public static synchronized Map<String, String> childEnvironment() {
    if (host == null) {
      return Map.of();
    }
    return Map.of(
        "WASLA_TEST_PG_HOST", host, "WASLA_TEST_PG_USER", USER, "WASLA_TEST_PG_EMBEDDED", "never");
  }

  private static String choose() {
    switch (EMBEDDED) {
      case "never":
        return CONFIGURED_HOST;
      case "always":
        return startEmbedded("WASLA_TEST_PG_EMBEDDED=always");
      case "auto":
        return answers(CONFIGURED_HOST)
            ? CONFIGURED_HOST
            : startEmbedded("nothing answers at " + CONFIGURED_HOST);
      default:
        throw new IllegalStateException(
            "WASLA_TEST_PG_EMBEDDED is '" + EMBEDDED + "': auto, always or never");
    }
  }

  private static boolean answers(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    String name = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    int port = colon < 0 ? 5432 : Integer.parseInt(hostAndPort.substring(colon + 1));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(name.replace("[", "").replace("]", ""), port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String startEmbedded(String why) {
    EmbeddedPostgres server;
    try {
      server = EmbeddedPostgresServer.start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "Could not start an embedded PostgreSQL for the tests ("
              + why
              + "); set WASLA_TEST_PG_HOST to a running server instead",
          e);
    }
    String started = "127.0.0.1:" + server.getPort();
    if (!USER.equals("postgres")) {
      try (Connection admin =
              DriverManager.getConnection(
                  "jdbc:postgresql://" + started + "/postgres", "postgres", "");
          Statement st = admin.createStatement()) {
        st.execute("CREATE ROLE \"" + USER.replace("\"", "") + "\" LOGIN SUPERUSER");
      } catch (SQLException e) {
        throw new IllegalStateException(
            "Could not create the role " + USER + " on the embedded PostgreSQL", e);
      }
    }
    LOG.info("The tests use an embedded PostgreSQL at {} ({})", started, why);
    return started;
  }

  /** Makes sure the database exists (dropping it first when asked) and returns its JDBC URL. */
  public static synchronized String url(String name, boolean fresh) {
    String database = name + SUFFIX;
    String server = hostAndPort();
    try (Connection admin =
            DriverManager.getConnection("jdbc:postgresql://" + server + "/postgres", USER, "");
        Statement st = admin.createStatement()) {
      if (fresh) {
        st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
      try (ResultSet rs =
          st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
        if (!rs.next()) {
          st.execute("CREATE DATABASE " + database);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "The PostgreSQL of the tests at "
              + server
              + " (user "
              + USER
              + ", trust auth) refused the test database "
              + database,
          e);
    }
    return "jdbc:postgresql://" + server + "/" + database;
  }

  /**
   * A fresh database with Wasla's Flyway migrations applied, for tests of its SQL without a Spring
   * context (the engine's tables are not there).
   */
  public static DataSource migrated(String name) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(url(name, true));
    dataSource.setUser(USER);
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return dataSource;
  }
}
