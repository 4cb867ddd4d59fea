package app.wasla.channel.whatsapp;

import java.util.UUID;

/**
 * The sandbox: nothing leaves Wasla. The outbound row that Wasla keeps for every send is what the
 * simulator shows, so all this transport does is hand out wamids.
 */
public final class SandboxTransport implements WhatsAppTransport {

  @Override
  public String send(String phoneNumberId, String to, OutboundMessage message) {
    return "wamid.SANDBOX." + UUID.randomUUID();
  }

  @Override
  public void markRead(String phoneNumberId, String wamid, boolean typingIndicator) {
    // the simulator shows read receipts from the transcript; nothing to call
  }
}
