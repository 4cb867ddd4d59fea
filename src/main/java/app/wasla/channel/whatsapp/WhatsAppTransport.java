package app.wasla.channel.whatsapp;

/** Where outbound WhatsApp messages go: Meta's Cloud API, or the in-app sandbox. */
public interface WhatsAppTransport {

  /**
   * Sends one message and returns its wamid. Throws {@link CloudApiException} when it was not sent.
   */
  String send(String phoneNumberId, String to, OutboundMessage message);

  /**
   * As {@link #send}, for a message that must not reach the customer twice: a call that ended
   * without Meta's answer is not repeated (Meta may have it); refusals and calls that never
   * connected may be.
   */
  default String sendAtMostOnce(String phoneNumberId, String to, OutboundMessage message) {
    return send(phoneNumberId, to, message);
  }

  /**
   * Marks a customer's message as read, optionally showing the typing indicator until the reply.
   */
  void markRead(String phoneNumberId, String wamid, boolean typingIndicator);

  /**
   * Uploads a file to send as an image or document; returns its media id. Throws {@link
   * CloudApiException} when it was not taken.
   */
  String uploadMedia(String phoneNumberId, byte[] content, String mimeType, String filename);
}
