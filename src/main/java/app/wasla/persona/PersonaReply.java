package app.wasla.persona;

import java.util.List;

/** The answer: text and 0..n quick replies (the caller renders up to 3 as buttons, more as a list). */
public record PersonaReply(String text, List<ReplyOption> options, String listButtonText) {

    public PersonaReply {
        options = options == null ? List.of() : List.copyOf(options);
    }

    public static PersonaReply text(String text) {
        return new PersonaReply(text, List.of(), null);
    }
}
