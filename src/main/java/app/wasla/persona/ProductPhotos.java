package app.wasla.persona;

import app.wasla.channel.whatsapp.OutboundMessage;
import java.util.Optional;

/**
 * Port: a catalogue product's photo as an image message captioned in the customer's language, sent
 * before the persona's own answer about that one product (a price beside a store passage). The
 * catalogue knows its photos (commerce implements this); without an implementation, or for a
 * product without a photo, the answer goes alone.
 */
public interface ProductPhotos {

  /**
   * The flow variable that holds the product whose photo the conversation's current sales flow has
   * shown: the persona does not show it again there.
   */
  String SHOWN_VARIABLE = "productPhotoSku";

  /**
   * The product's photo; empty without one, or when looking it up would call out over the network.
   */
  Optional<OutboundMessage.Image> photo(String sku, Language language);
}
