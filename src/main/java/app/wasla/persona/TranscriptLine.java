package app.wasla.persona;

import java.time.Instant;

/**
 * One line of the conversation so far. {@code person} is who wrote an outgoing line when a person
 * did (an agent answering a handoff), null for the customer's lines and the bot's.
 */
public record TranscriptLine(boolean fromCustomer, String text, Instant at, Person person) {

  /** A line the customer or the bot wrote. */
  public TranscriptLine(boolean fromCustomer, String text, Instant at) {
    this(fromCustomer, text, at, null);
  }

  /** A line a person wrote to the customer. */
  public static TranscriptLine byPerson(String text, Instant at, Person person) {
    return new TranscriptLine(false, text, at, person);
  }

  /**
   * The person who wrote a line: her Camunda user id, her name ("Sara Hassan"), her name as Arabic
   * texts write it ("سارة"; null: none known, the text says "our colleague"), and the team whose
   * handoff it was (null: unknown).
   */
  public record Person(String userId, String name, String nameInArabic, String team) {

    /** The first name in Latin letters, as English and Arabizi texts name her. */
    public String firstName() {
      String n = name == null || name.isBlank() ? userId : name.strip();
      int space = n.indexOf(' ');
      return space < 0 ? n : n.substring(0, space);
    }
  }
}
