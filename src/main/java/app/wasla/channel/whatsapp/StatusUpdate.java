package app.wasla.channel.whatsapp;

import java.time.Instant;

/**
 * A delivery status of an outbound message from a Cloud API webhook ({@code statuses[]}).
 *
 * @param wamid the outbound message's id
 * @param phoneNumberId the business number that sent it
 * @param recipientWaId the customer ({@code recipient_id})
 * @param status sent, delivered, read, failed, or anything else as given
 * @param timestamp when the status changed
 * @param errorCode {@code errors[0].code}, or null
 * @param errorTitle {@code errors[0].title}, with {@code error_data.details} appended when present,
 *     or null
 * @param errorsJson the whole {@code errors} array as compact JSON, or null
 */
public record StatusUpdate(
    String wamid,
    String phoneNumberId,
    String recipientWaId,
    String status,
    Instant timestamp,
    Integer errorCode,
    String errorTitle,
    String errorsJson) {

  /** True for {@code failed}: the message never reached the customer. */
  public boolean failed() {
    return "failed".equals(status);
  }

  /** Masks the customer's number: logs must not carry personal data. */
  @Override
  public String toString() {
    return "StatusUpdate[wamid="
        + wamid
        + ", phoneNumberId="
        + phoneNumberId
        + ", recipientWaId="
        + PhoneMask.mask(recipientWaId)
        + ", status="
        + status
        + ", timestamp="
        + timestamp
        + ", errorCode="
        + errorCode
        + "]";
  }
}
