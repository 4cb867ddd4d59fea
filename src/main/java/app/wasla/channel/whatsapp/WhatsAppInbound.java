package app.wasla.channel.whatsapp;

/**
 * Where the webhook hands verified, parsed payloads: it must make them durable before returning.
 */
public interface WhatsAppInbound {

  /** Stores every message and status of the payload; a redelivered message changes nothing. */
  void store(WebhookPayload payload);
}
