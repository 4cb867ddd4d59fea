package app.wasla.persona;

import java.util.List;

/**
 * One customer turn.
 *
 * @param conversationKey     the conversation this turn belongs to
 * @param customerMessages    the new customer messages of this turn, oldest first
 * @param interactiveReplyId  id of a tapped button or list row, or null
 * @param recentTranscript    the recent transcript, oldest first (may be empty)
 * @param customer            what the CRM knows about the customer, or null
 * @param lowConfidenceStreak low-confidence turns in a row before this one (the caller keeps it, see {@link PersonaResult#lowConfidence()})
 */
public record PersonaTurn(String conversationKey, List<String> customerMessages, String interactiveReplyId,
                          List<TranscriptLine> recentTranscript, CustomerContext customer, int lowConfidenceStreak) {

    public PersonaTurn {
        customerMessages = customerMessages == null ? List.of() : List.copyOf(customerMessages);
        recentTranscript = recentTranscript == null ? List.of() : List.copyOf(recentTranscript);
    }

    /** A turn of one text message without context, for tests and the simulator. */
    public static PersonaTurn of(String conversationKey, String message) {
        return new PersonaTurn(conversationKey, List.of(message), null, List.of(), null, 0);
    }

    /** The turn's messages joined into one text. */
    public String text() {
        return String.join("\n", customerMessages);
    }
}
