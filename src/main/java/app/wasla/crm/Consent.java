package app.wasla.crm;

import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.MarketingConsent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Marketing consent for the outbound path: ask before sending a marketing template. Wasla records
 * opt-outs (STOP, إلغاء, ...) and opt-ins (START, اشتراك, or consent the business captured
 * elsewhere and recorded through the API); a marketing template needs an opt-in on record and no
 * opt-out since (WhatsApp's policy), unless {@code wasla.crm.marketing-requires-opt-in=false}.
 * Erasure opts out too (until the customer writes START).
 */
@Component
public class Consent implements MarketingConsent {

  private final JdbcClient jdbc;
  private final boolean requiresOptIn;

  Consent(JdbcClient jdbc, CrmProperties props) {
    this.jdbc = jdbc;
    this.requiresOptIn = props.marketingRequiresOptIn();
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

  /**
   * What a campaign asks before each send: the customer opted in (START, or consent the shop
   * captured) and has not opted out since, on any business number. Stricter than {@link
   * #allowsMarketing(String)}, which a single send the business chose itself passes without an
   * opt-in on record.
   */
  public boolean allowsCampaign(ConversationKey key) {
    return jdbc.sql(
            """
            SELECT
              (SELECT COUNT(*) FROM customer WHERE customer_key = ? AND marketing_opt_in_at IS NOT NULL),
              (SELECT COUNT(*) FROM customer WHERE wa_id = ? AND marketing_opt_out = TRUE)""")
        .params(key.value(), key.waId())
        .query((rs, n) -> rs.getLong(1) > 0 && rs.getLong(2) == 0)
        .single();
  }

  @Override
  public boolean allowsMarketing(ConversationKey customer) {
    return allowsMarketing(customer.value());
  }

  @Override
  public boolean mayGetMarketing(ConversationKey customer) {
    return requiresOptIn ? allowsCampaign(customer) : allowsMarketing(customer);
  }
}
