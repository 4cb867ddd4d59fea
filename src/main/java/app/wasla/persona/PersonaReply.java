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
 * @param branchesShown the answer says where the shop's branches are: the city asked about ({@code
 *     cairo}, {@code alexandria}), {@code ""} for all of them, or null; the flow then sends each
 *     branch's location message after the text (through {@link BranchLocations})
 * @param complete the answer is whole as it is (a price beside a store passage): the sales flows
 *     leave it alone instead of completing it with a product card
 */
public record PersonaReply(
    String text,
    List<ReplyOption> options,
    String listButtonText,
    String aboutProductSku,
    String branchesShown,
    boolean complete) {

  /** The {@code aboutProductSku} of an answer about no catalogue product: forget the kept one. */
  public static final String NO_PRODUCT = "";

  public PersonaReply(String text, List<ReplyOption> options, String listButtonText) {
    this(text, options, listButtonText, null, null, false);
  }

  /** An answer the sales flows may complete (a product question they look up). */
  public PersonaReply(
      String text, List<ReplyOption> options, String listButtonText, String aboutProductSku) {
    this(text, options, listButtonText, aboutProductSku, null, false);
  }

  public PersonaReply(
      String text,
      List<ReplyOption> options,
      String listButtonText,
      String aboutProductSku,
      String branchesShown) {
    this(text, options, listButtonText, aboutProductSku, branchesShown, false);
  }

  public PersonaReply(
      String text,
      List<ReplyOption> options,
      String listButtonText,
      String aboutProductSku,
      boolean complete) {
    this(text, options, listButtonText, aboutProductSku, null, complete);
  }

  /** The same answer, followed by the locations of the branches in {@code city} ("" for all). */
  public PersonaReply showingBranches(String city) {
    return new PersonaReply(
        text, options, listButtonText, aboutProductSku, city == null ? "" : city, complete);
  }

  public PersonaReply {
    options = options == null ? List.of() : List.copyOf(options);
  }

  public static PersonaReply text(String text) {
    return new PersonaReply(text, List.of(), null);
  }
}
