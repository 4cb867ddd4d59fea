package app.wasla.channel.whatsapp;

/**
 * How long WhatsApp's identifiers may be in Wasla: the webhook parser skips longer ones, and a
 * conversation key ({@code <phone_number_id>:<wa_id>}) refuses them.
 */
public final class WhatsAppIds {

  /** Longest wa_id Wasla accepts: E.164 numbers have at most 15 digits, the rest is headroom. */
  public static final int MAX_WA_ID = 20;

  /** Longest phone_number_id Wasla accepts (Meta's are 15 to 17 digits today). */
  public static final int MAX_PHONE_NUMBER_ID = 32;

  private WhatsAppIds() {}
}
