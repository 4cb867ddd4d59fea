package app.wasla.persona;

/**
 * The AI persona: reads one customer turn and answers with language, intent, sentiment, entities,
 * reply and handoff.
 */
public interface Persona {
  PersonaResult respond(PersonaTurn turn);

  /**
   * Whether {@link #respond} reads the turn's {@link PersonaTurn#recentTranscript()}: when it does
   * not, the turn is given none and the transcript's query is saved (one statement per message,
   * docs/benchmark.md).
   */
  default boolean readsTranscript() {
    return true;
  }
}
