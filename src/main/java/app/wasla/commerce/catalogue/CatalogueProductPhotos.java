package app.wasla.commerce.catalogue;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.commerce.CommerceProperties;
import app.wasla.persona.Language;
import app.wasla.persona.ProductPhotos;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The persona's product photos from the catalogue: the product's {@code imageUrl}, captioned with
 * its name (Arabic for Egyptian and MSA, the English name for Arabizi and English). Only from a
 * catalogue in Wasla's own tables: the persona's turn runs in the mailbox's transaction, where no
 * call to the business's backend may run (its offers, made by order-and-pay in a job, carry the
 * photo instead). Off with {@code wasla.commerce.product-photos=false}.
 */
@Component
class CatalogueProductPhotos implements ProductPhotos {

  private final Catalogue catalogue;
  private final boolean enabled;

  CatalogueProductPhotos(Catalogue catalogue, CommerceProperties props) {
    this.catalogue = catalogue;
    this.enabled = props.productPhotos();
  }

  @Override
  public Optional<OutboundMessage.Image> photo(String sku, Language language) {
    if (!enabled || !catalogue.local()) {
      return Optional.empty();
    }
    boolean arabic =
        language == Language.AR_EG || language == Language.AR || language == Language.MIXED;
    return catalogue
        .product(sku)
        .filter(p -> p.imageUrl() != null)
        .map(p -> OutboundMessage.Image.ofLink(p.imageUrl(), arabic ? p.nameAr() : p.nameEn()));
  }
}
