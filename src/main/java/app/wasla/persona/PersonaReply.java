package app.wasla.persona;

import java.util.List;

/**
 * The answer: text and 0..n quick replies (the caller renders up to 3 as buttons, more as a list).
 *
 * @param aboutProductSku the catalogue product the answer puts before the customer (the first of a
 *     list), or null: the flow keeps it as the conversation's product, which "a cheaper one" is
 *     cheaper than; {@link #NO_PRODUCT} when the answer leaves the conversation about no catalogue
 *     product ("we don't sell laptops", "no, I asked about a Dell, not an iPhone"): the flow
 *     forgets the product it kept
 */
public record PersonaReply(
    String text,
    List<ReplyOption> options,
    String listButtonText,
    String aboutProductSku,
    boolean complete) {

  /** An answer the sales flows may complete (a product question they look up). */
  public PersonaReply(
      String text, List<ReplyOption> options, String listButtonText, String aboutProductSku) {
    this(text, options, listButtonText, aboutProductSku, false);
  }

  /** The {@code aboutProductSku} of an answer about no catalogue product: forget the kept one. */
  public static final String NO_PRODUCT = "";

  public PersonaReply(String text, List<ReplyOption> options, String listButtonText) {
    this(text, options, listButtonText, null);
  }

  public PersonaReply {
    options = options == null ? List.of() : List.copyOf(options);
  }

  public static PersonaReply text(String text) {
    return new PersonaReply(text, List.of(), null);
  }
}
