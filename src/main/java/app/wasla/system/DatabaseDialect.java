package app.wasla.system;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;

/** The little SQL that differs between the embedded H2 and PostgreSQL. */
@Component
public class DatabaseDialect {

  private final String product;

  public DatabaseDialect(DataSource dataSource) throws Exception {
    this.product =
        JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
  }

  public boolean postgres() {
    return product.toLowerCase().contains("postgres");
  }

  public boolean h2() {
    return "H2".equalsIgnoreCase(product);
  }

  public String product() {
    return product;
  }
}
