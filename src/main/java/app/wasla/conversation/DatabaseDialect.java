package app.wasla.conversation;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;

/** The little SQL that differs between the embedded H2 and PostgreSQL. */
@Component
public class DatabaseDialect {

  private final String product;

  DatabaseDialect(DataSource dataSource) throws Exception {
    this.product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
  }

  public boolean postgres() {
    return product.toLowerCase().contains("postgres");
  }

  public boolean h2() {
    return "H2".equalsIgnoreCase(product);
  }

  /**
   * Locks a conversation row for delivery, skipping it when another transaction holds it. On PostgreSQL the lock
   * is {@code FOR NO KEY UPDATE}: it excludes other deliveries just the same, but not the {@code FOR KEY SHARE}
   * lock that a webhook's insert into inbox_message takes on the row its foreign key references, so the
   * acknowledgement to Meta never waits for a delivery to commit. H2 2.x knows only {@code FOR UPDATE}.
   */
  String lockForDeliveryClause() {
    return postgres() ? " FOR NO KEY UPDATE SKIP LOCKED" : " FOR UPDATE SKIP LOCKED";
  }

  public String product() {
    return product;
  }
}
