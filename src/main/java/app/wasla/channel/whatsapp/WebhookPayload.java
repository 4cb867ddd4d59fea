package app.wasla.channel.whatsapp;

import java.util.List;

/**
 * Everything one Cloud API webhook delivery carries that Wasla acts on: customer messages and
 * delivery statuses.
 */
public record WebhookPayload(List<InboundMessage> messages, List<StatusUpdate> statuses) {

  public WebhookPayload {
    messages = messages == null ? List.of() : List.copyOf(messages);
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
  }

  /**
   * True when the delivery carried neither messages nor statuses (e.g. only other webhook fields).
   */
  public boolean isEmpty() {
    return messages.isEmpty() && statuses.isEmpty();
  }
}
