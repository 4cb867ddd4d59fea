package app.wasla.channel.whatsapp;

import java.util.UUID;

/**
 * The sandbox: nothing leaves Wasla. The outbound row that Wasla keeps for every send is what the
 * simulator shows, so all this transport does is hand out wamids, and keep the files uploaded for
 * sending in the sandbox's media store (where the simulator shows them from).
 */
public final class SandboxTransport implements WhatsAppTransport {

  private final SandboxMediaSource media;

  public SandboxTransport(SandboxMediaSource media) {
    this.media = media;
  }

  @Override
  public String send(String phoneNumberId, String to, OutboundMessage message) {
    return "wamid.SANDBOX." + UUID.randomUUID();
  }

  @Override
  public void markRead(String phoneNumberId, String wamid, boolean typingIndicator) {
    // the simulator shows read receipts from the transcript; nothing to call
  }

  @Override
  public String uploadMedia(
      String phoneNumberId, byte[] content, String mimeType, String filename) {
    return media.put(content, mimeType);
  }
}
