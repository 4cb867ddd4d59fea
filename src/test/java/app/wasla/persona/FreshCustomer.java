package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * A customer with no history writing to the default embedded persona, and the checks that the
 * reading tests share: each failure names the text and how it was read.
 */
final class FreshCustomer {

  static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private FreshCustomer() {}

  static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  /** The text right after the persona answered the store topic {@code topic}. */
  static PersonaResult after(String topic, String text) {
    return PERSONA.respond(
        new PersonaTurn("fresh", List.of(text), null, List.of(), null, 0, null, topic));
  }

  static PersonaResult handedOver(String text) {
    PersonaResult r = say(text);
    assertThat(r.handoff()).as(text + " → " + r.summary()).isTrue();
    return r;
  }

  static PersonaResult handedOver(String text, String reason) {
    PersonaResult r = handedOver(text);
    assertThat(r.handoffReason()).as(text + " → " + r.summary()).isEqualTo(reason);
    return r;
  }

  static PersonaResult handedOver(String text, String intent, String reason) {
    PersonaResult r = handedOver(text, reason);
    assertThat(r.intent()).as(text + " → " + r.summary()).isEqualTo(intent);
    return r;
  }

  static PersonaResult answered(String text) {
    PersonaResult r = say(text);
    assertThat(r.handoff()).as(text + " → " + r.summary()).isFalse();
    return r;
  }
}
