package app.wasla.conversation;

/**
 * The person who wrote an outbound message (an agent or a supervisor answering a handoff): her
 * Camunda user id, her name as the transcripts show it ("Sara Hassan"), and the team whose handoff
 * it was (null when unknown). Stored with the message; every other message's author is told by its
 * idempotency key ({@link Transcript.Author}).
 */
public record PersonAuthor(String userId, String name, String team) {

  public PersonAuthor {
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("a person's message needs the person's user id");
    }
    name = name == null || name.isBlank() ? userId : Inbox.truncate(name, 200);
  }
}
