package app.wasla.persona;

import java.util.List;

/**
 * The answer: text and 0..n quick replies (the caller renders up to 3 as buttons, more as a list).
 *
 * @param aboutProductSku the catalogue product the answer puts before the customer (the first of a
 *     list), or null: the flow keeps it as the conversation's product, which "a cheaper one" is
 *     cheaper than
 */
public record PersonaReply(
    String text, List<ReplyOption> options, String listButtonText, String aboutProductSku) {

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
