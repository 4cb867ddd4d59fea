package app.wasla.channel.whatsapp;

/**
 * Meta's WhatsApp Cloud API, through {@link CloudApiClient}. A photo or document whose link Meta
 * cannot fetch (not public https) is uploaded first ({@link MediaLinks}).
 */
public final class CloudApiTransport implements WhatsAppTransport {

  private final CloudApiClient client;
  private final MediaLinks links;

  public CloudApiTransport(CloudApiClient client) {
    this(client, new MediaLinks(new okhttp3.OkHttpClient(), java.util.List::of));
  }

  CloudApiTransport(CloudApiClient client, MediaLinks links) {
    this.client = client;
    this.links = links;
  }

  @Override
  public String send(String phoneNumberId, String to, OutboundMessage message) {
    return links.send(
        message, phoneNumberId, m -> client.send(phoneNumberId, to, m), client::uploadMedia);
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
