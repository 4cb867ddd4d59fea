package app.wasla.system;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, lets the JDBC driver send a batch of inserts as one multi-row INSERT ({@code
 * reWriteBatchedInserts}). The engine writes each turn's rows table by table in JDBC batches (its
 * history rows, a new conversation's variables): a first turn's 25 variable rows become one
 * statement instead of 25. Camunda supports the option since 7.13 (it does not count the rows of an
 * INSERT). Set here rather than in the URL so that every PostgreSQL URL gets it; {@code
 * reWriteBatchedInserts=false} in the URL or in {@code
 * spring.datasource.hikari.data-source-properties} still wins.
 */
@Component
class PostgresBatchedInserts implements BeanPostProcessor {

  static final String OPTION = "reWriteBatchedInserts";

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource hikari
        && applies(hikari.getJdbcUrl())
        && !hikari.getDataSourceProperties().containsKey(OPTION)) {
      hikari.addDataSourceProperty(OPTION, "true");
    }
    return bean;
  }

  static boolean applies(String jdbcUrl) {
    return jdbcUrl != null
        && jdbcUrl.startsWith("jdbc:postgresql:")
        && !jdbcUrl.contains(OPTION + "=");
  }
}
