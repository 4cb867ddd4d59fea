package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A message of emoji or punctuation alone: the everyday WhatsApp thanks and nods (🙏, 👍, ❤️) are
 * thanks, never a question for the playbook (🙏 once fetched the jobs passage) nor a person.
 */
class EmojiRepliesTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  @Test
  void thanksAndNodsAreThanks() {
    for (String text : new String[] {"🙏", "🙏❤️", "👍", "❤️", "👌🏻", "🙏🏼🙏🏼", "😍", "👍👍"}) {
      PersonaResult r = say(text);
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.THANKS_GOODBYE);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.reply().text()).as(r.summary()).doesNotContain("careers", "CV", "السيرة");
    }
  }

  @Test
  void aLoneQuestionMarkAsksWhatTheCustomerNeedsWithoutAPerson() {
    for (String text : new String[] {"؟", "?", "??", "؟؟"}) {
      PersonaResult r = say(text);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.reply().text()).as(r.summary()).isNotBlank();
    }
  }

  @Test
  void thanksBesideAQuestionNeverFetchTheJobsPassage() {
    for (String text :
        new String[] {
          "thanks 👍 when can i pick it up?",
          "شكرا، امتى اقدر استلمه؟",
          "shokran, emta a2dar astelmo?"
        }) {
      PersonaResult r = say(text);
      assertThat(r.reply().text()).as(r.summary()).doesNotContain("careers@");
    }
  }
}
