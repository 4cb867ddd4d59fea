package app.wasla.channel.whatsapp;

import java.time.Instant;

/**
 * One customer message from a Cloud API webhook, flattened for the inbox, with a readable {@code
 * text} and the original JSON so that no type, known or future, is ever lost.
 *
 * @param wamid WhatsApp message id (unique, the inbox's dedupe key)
 * @param phoneNumberId the business number that received it ({@code metadata.phone_number_id})
 * @param displayPhoneNumber the business number as displayed
 * @param waId the customer's WhatsApp id (the message's {@code from})
 * @param profileName the customer's profile name from {@code contacts[]}, or null
 * @param timestamp when WhatsApp received it
 * @param type the payload's {@code type} as given (text, interactive, image, ... or a future type)
 * @param text human-readable rendering for the transcript and the bot
 * @param replyId id of the tapped button or list row (interactive or template quick reply), else
 *     null
 * @param contextWamid the earlier message this one replies or reacts to, else null
 * @param mediaId media id for image/audio/video/document/sticker, else null
 * @param mimeType media MIME type, else null
 * @param rawJson the message object re-serialised compactly
 */
public record InboundMessage(
    String wamid,
    String phoneNumberId,
    String displayPhoneNumber,
    String waId,
    String profileName,
    Instant timestamp,
    String type,
    String text,
    String replyId,
    String contextWamid,
    String mediaId,
    String mimeType,
    String rawJson) {

  /** The conversation's business key, {@code <phone_number_id>:<wa_id>} (see DESIGN.md). */
  public String conversationKey() {
    return phoneNumberId + ":" + waId;
  }

  /**
   * Masks the customer's number and leaves out text and JSON: logs must not carry personal data.
   */
  @Override
  public String toString() {
    return "InboundMessage[wamid="
        + wamid
        + ", phoneNumberId="
        + phoneNumberId
        + ", waId="
        + PhoneMask.mask(waId)
        + ", type="
        + type
        + ", timestamp="
        + timestamp
        + "]";
  }
}
