package app.wasla.crm;

import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.MarketingConsent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Marketing consent for the outbound path: ask before sending a marketing template. Wasla records
 * opt-outs (STOP, إلغاء, ...) and opt-ins (START, اشتراك); consent given outside WhatsApp is the
 * business's to capture, so a number without a recorded opt-out is allowed. Erasure opts out too
 * (until the customer writes START).
 */
@Component
public class Consent implements MarketingConsent {

  private final JdbcClient jdbc;

  Consent(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * False after an opt-out or an erasure, until an opt-in. Service messages are not marketing. A
   * STOP holds for the WhatsApp number on every business number Wasla serves: the business is one
   * sender to the customer.
   */
  public boolean allowsMarketing(String customerKey) {
    ConversationKey key = ConversationKey.parse(customerKey);
    return jdbc.sql(
                """
            SELECT COUNT(*) FROM customer WHERE (customer_key = ? OR wa_id = ?) AND marketing_opt_out = TRUE""")
            .param(key.value())
            .param(key.waId())
            .query(Long.class)
            .single()
        == 0;
  }

  @Override
  public boolean allowsMarketing(ConversationKey customer) {
    return allowsMarketing(customer.value());
  }
}
