package app.wasla.channel.whatsapp;

/**
 * A webhook body that is not a Cloud API {@code whatsapp_business_account} payload Wasla can store
 * (answer 400).
 */
public final class MalformedWebhookException extends RuntimeException {

  public MalformedWebhookException(String message) {
    super(message);
  }

  public MalformedWebhookException(String message, Throwable cause) {
    super(message, cause);
  }
}
