package app.wasla.channel.whatsapp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The business's own WhatsApp numbers ({@code wasla.whatsapp.phone-number-ids}): a send from a
 * number the business does not have would only be refused by Meta later, or go out from a number
 * the caller did not mean, so it is refused before anything is recorded. In cloud mode only, and
 * only when the numbers are configured; in sandbox mode nothing leaves Wasla and every number is
 * accepted, the simulator's among them.
 */
@Component
public class BusinessNumbers {

  private static final Logger log = LoggerFactory.getLogger(BusinessNumbers.class);

  private final WhatsAppProperties whatsapp;

  BusinessNumbers(WhatsAppProperties whatsapp) {
    this.whatsapp = whatsapp;
    if (!whatsapp.sandbox() && whatsapp.phoneNumberIds().isEmpty()) {
      log.warn(
          "wasla.whatsapp.phone-number-ids is not set: sends from a phone number id the business"
              + " does not have are not refused by Wasla");
    }
  }

  /** Whether a send may go out from this number. */
  public boolean owns(String phoneNumberId) {
    return whatsapp.sandbox()
        || whatsapp.phoneNumberIds().isEmpty()
        || whatsapp.phoneNumberIds().contains(phoneNumberId);
  }

  /**
   * Refuses a number the business does not have, naming the request's {@code field}.
   *
   * @throws IllegalArgumentException with a sentence that names the field and the known numbers
   */
  public void require(String field, String phoneNumberId) {
    if (!owns(phoneNumberId)) {
      throw new IllegalArgumentException(
          field
              + ": "
              + phoneNumberId
              + " is not one of the business's WhatsApp numbers ("
              + String.join(", ", whatsapp.phoneNumberIds())
              + ", wasla.whatsapp.phone-number-ids)");
    }
  }
}
