package app.wasla.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL of the development machines and CI (127.0.0.1:5432, trust auth, user postgres): creates
 * a test database when it is missing. Override with WASLA_TEST_PG_HOST / WASLA_TEST_PG_USER; set
 * WASLA_TEST_PG_DB_SUFFIX to keep two suites on one server apart.
 */
public final class PostgresTestDatabase {

  private static final String HOST = System.getenv().getOrDefault("WASLA_TEST_PG_HOST", "127.0.0.1:5432");
  public static final String USER = System.getenv().getOrDefault("WASLA_TEST_PG_USER", "postgres");
  // Lets two suites share one server (two worktrees, say): each appends its own suffix to every database name.
  private static final String SUFFIX = System.getenv().getOrDefault("WASLA_TEST_PG_DB_SUFFIX", "")
      .replaceAll("[^a-z0-9_]", "");

  private PostgresTestDatabase() {
  }

  /** The server's host:port, for a test that puts a {@link TcpProxy} in front of it. */
  public static String hostAndPort() {
    return HOST;
  }

  /** Makes sure the database exists (dropping it first when asked) and returns its JDBC URL. */
  public static synchronized String url(String name, boolean fresh) {
    String database = name + SUFFIX;
    try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + HOST + "/postgres", USER, "");
         Statement st = admin.createStatement()) {
      if (fresh) {
        st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
      try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
        if (!rs.next()) {
          st.execute("CREATE DATABASE " + database);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL is needed at " + HOST + " (user " + USER
          + ", trust auth) for the integration tests; .ci/run starts it", e);
    }
    return "jdbc:postgresql://" + HOST + "/" + database;
  }

  /**
   * A fresh database with Wasla's Flyway migrations applied, for tests of its SQL without a Spring context (the
   * engine's tables are not there).
   */
  public static DataSource migrated(String name) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(url(name, true));
    dataSource.setUser(USER);
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return dataSource;
  }
}
