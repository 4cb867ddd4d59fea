package app.wasla.commerce.catalogue;

import java.util.List;
import java.util.Optional;

/** Port: the business's catalogue, prices and stock. */
public interface Catalogue {

  /** Products whose Arabic or English name or an alias occurs in the text, best match first. */
  List<Product> search(String text);

  Optional<Product> product(String sku);

  /** Stock of a SKU in every branch. */
  List<StockLevel> stock(String sku);

  /**
   * The catalogue's products of a category ("phone", "charger"), for the nearest alternatives to a
   * sold-out one; empty where the backend cannot list them (the business's HTTP backend has no such
   * endpoint).
   */
  default List<Product> ofCategory(String category) {
    return List.of();
  }

  /**
   * True when a lookup needs no network call (Wasla's own tables): a flow may then do it in the
   * turn.
   */
  default boolean local() {
    return false;
  }
}
