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

  /** Both H2 2.x and PostgreSQL skip a row that another transaction has locked. */
  String skipLockedClause() {
    return " SKIP LOCKED";
  }

  public String product() {
    return product;
  }
}
