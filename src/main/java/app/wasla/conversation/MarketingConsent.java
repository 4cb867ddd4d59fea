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

  /**
   * What a marketing template asks before it is sent: the customer opted in (START, or consent the
   * business recorded) and has not opted out since. (With {@code
   * wasla.crm.marketing-requires-opt-in=false}: only not opted out.)
   */
  boolean mayGetMarketing(ConversationKey customer);
}
