package app.wasla.persona;

/**
 * Port: whether a catalogue product can be ordered now, so that lists and recommendations leave out
 * what is sold out, and a product asked for by name is said to be out of stock with the nearest
 * ones that are not. The business's backend knows its stock (commerce implements this); without an
 * implementation, or when the stock cannot be read in time, every product is listed as before.
 */
public interface ProductStock {

  /** What is known of a product's stock now. */
  enum Availability {
    IN_STOCK,
    OUT_OF_STOCK,
    /** Not read (the backend is slow or down): the product is listed. */
    UNKNOWN
  }

  /** Nothing known: every product is listed. */
  ProductStock UNKNOWN = sku -> Availability.UNKNOWN;

  /** The product's stock across the branches; quick (a cached answer) and never throwing. */
  Availability availability(String sku);
}
