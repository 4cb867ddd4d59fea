package app.wasla.persona;

import java.util.List;

/**
 * The answer: text and 0..n quick replies (the caller renders up to 3 as buttons, more as a list).
 *
 * @param aboutProductSku the catalogue product the answer puts before the customer (the first of a
 *     list), or null: the flow keeps it as the conversation's product, which "a cheaper one" is
 *     cheaper than
 * @param branchesShown the answer says where the shop's branches are: the city asked about ({@code
 *     cairo}, {@code alexandria}), {@code ""} for all of them, or null; the flow then sends each
 *     branch's location message after the text (through {@link BranchLocations})
 */
public record PersonaReply(
    String text,
    List<ReplyOption> options,
    String listButtonText,
    String aboutProductSku,
    String branchesShown) {

  public PersonaReply(String text, List<ReplyOption> options, String listButtonText) {
    this(text, options, listButtonText, null, null);
  }

  public PersonaReply(
      String text, List<ReplyOption> options, String listButtonText, String aboutProductSku) {
    this(text, options, listButtonText, aboutProductSku, null);
  }

  /** The same answer, followed by the locations of the branches in {@code city} ("" for all). */
  public PersonaReply showingBranches(String city) {
    return new PersonaReply(
        text, options, listButtonText, aboutProductSku, city == null ? "" : city);
  }

  public PersonaReply {
    options = options == null ? List.of() : List.copyOf(options);
  }

  public static PersonaReply text(String text) {
    return new PersonaReply(text, List.of(), null);
  }
}
