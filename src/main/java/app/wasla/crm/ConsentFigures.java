package app.wasla.crm;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Marketing consent for the reports (docs/reports.md): opt-outs in a period. */
@Component
public class ConsentFigures {

  private final JdbcClient jdbc;

  ConsentFigures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Customers who opted out of marketing in [from, to) (each change to "out" counts once). */
  public long optOuts(Instant from, Instant to, String phoneNumberId) {
    List<Object> params =
        new ArrayList<>(
            List.of(
                CustomerMemory.CONSENT,
                "marketing opt-out",
                from.atOffset(ZoneOffset.UTC),
                to.atOffset(ZoneOffset.UTC)));
    String sql =
        """
        SELECT COUNT(*) FROM customer_event
        WHERE kind = ? AND details = ? AND occurred_at >= ? AND occurred_at < ?""";
    if (phoneNumberId != null) {
      sql += " AND customer_key LIKE ?";
      params.add(phoneNumberId + ":%");
    }
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }
}
