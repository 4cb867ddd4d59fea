package app.wasla.campaign;

import app.wasla.system.CustomerDataOwner;
import app.wasla.system.CustomerErasure;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A customer's erasure in the campaigns: the recipient rows stay for the campaigns' figures, under
 * the pseudonym, without the parameters (their name and whatever else filled the template) and with
 * the wamid hashed.
 */
@Component
@Order(70)
class CampaignErasure implements CustomerDataOwner {

  private final JdbcClient jdbc;

  CampaignErasure(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Integer> eraseCustomer(CustomerErasure erasure) {
    var rows =
        jdbc.sql("SELECT campaign_id, stage, wamid FROM campaign_recipient WHERE customer_key = ?")
            .param(erasure.customerKey())
            .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
            .list();
    for (String[] row : rows) {
      jdbc.sql(
              """
              UPDATE campaign_recipient SET customer_key = ?, wa_id = ?, parameters_json = '[]',
                wamid = ?, error = NULL
              WHERE campaign_id = ? AND stage = ? AND customer_key = ?""")
          .params(
              erasure.pseudonym(),
              erasure.pseudonym(),
              row[2] == null ? null : erasure.hash().apply(row[2]),
              row[0],
              row[1],
              erasure.customerKey())
          .update();
    }
    return rows.isEmpty() ? Map.of() : Map.of("campaignRecipients", rows.size());
  }
}
