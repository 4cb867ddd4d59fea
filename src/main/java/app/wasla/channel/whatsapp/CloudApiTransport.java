package app.wasla.channel.whatsapp;

/** Meta's WhatsApp Cloud API, through {@link CloudApiClient}. */
public final class CloudApiTransport implements WhatsAppTransport {

  private final CloudApiClient client;

  public CloudApiTransport(CloudApiClient client) {
    this.client = client;
  }

  @Override
  public String send(String phoneNumberId, String to, OutboundMessage message) {
    return client.send(phoneNumberId, to, message);
  }

  @Override
  public String sendAtMostOnce(String phoneNumberId, String to, OutboundMessage message) {
    return client.sendAtMostOnce(phoneNumberId, to, message);
  }

  @Override
  public void markRead(String phoneNumberId, String wamid, boolean typingIndicator) {
    client.markRead(phoneNumberId, wamid, typingIndicator);
  }

  @Override
  public String uploadMedia(
      String phoneNumberId, byte[] content, String mimeType, String filename) {
    return client.uploadMedia(phoneNumberId, content, mimeType, filename);
  }
}
