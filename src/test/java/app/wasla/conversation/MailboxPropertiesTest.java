package app.wasla.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.wasla.support.PostgresTestDatabase;
import app.wasla.system.DatabaseDialect;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * How many conversations a worker delivers in one transaction, as Spring binds the keys, on each
 * database.
 */
class MailboxPropertiesTest {

  @Test
  void unsetItIsEightOnPostgresAndOneOnH2() throws Exception {
    MailboxProperties props = bind(Map.of());

    assertThat(props.conversationsPerTransaction(new DatabaseDialect(postgres()))).isEqualTo(8);
    assertThat(props.conversationsPerTransaction(new DatabaseDialect(h2()))).isEqualTo(1);
  }

  @Test
  void aConfiguredValueHoldsOnEitherDatabase() throws Exception {
    MailboxProperties props = bind(Map.of("wasla.mailbox.conversations-per-transaction", "3"));

    assertThat(props.conversationsPerTransaction(new DatabaseDialect(postgres()))).isEqualTo(3);
    assertThat(props.conversationsPerTransaction(new DatabaseDialect(h2()))).isEqualTo(3);
  }

  @Test
  void lessThanOneIsRefused() {
    assertThatThrownBy(() -> bind(Map.of("wasla.mailbox.conversations-per-transaction", "0")))
        .hasRootCauseMessage("wasla.mailbox.conversations-per-transaction must be at least 1");
  }

  private static MailboxProperties bind(Map<String, String> keys) {
    return new Binder(new MapConfigurationPropertySource(keys))
        .bindOrCreate("wasla.mailbox", MailboxProperties.class);
  }

  private static PGSimpleDataSource postgres() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(PostgresTestDatabase.url("wasla_mailbox_props", false));
    dataSource.setUser(PostgresTestDatabase.USER);
    return dataSource;
  }

  private static JdbcDataSource h2() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:mailbox-props");
    return dataSource;
  }
}
