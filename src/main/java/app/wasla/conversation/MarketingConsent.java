package app.wasla.conversation;

/**
 * Whether a customer may get marketing templates (the CRM keeps the opt-outs); the outbound path
 * asks it.
 */
public interface MarketingConsent {

  /**
   * False after the customer opted out (STOP, إلغاء, ...) or was erased, until they opt in again.
   */
  boolean allowsMarketing(ConversationKey customer);
}
