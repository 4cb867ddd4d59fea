package app.wasla.persona.learning;

import app.wasla.persona.Persona;
import app.wasla.persona.PersonaResult;
import app.wasla.persona.PersonaTurn;

/**
 * The {@link Persona} bean of the embedded provider: each turn is read by the model that answers at
 * its start.
 */
public final class LearnedPersona implements Persona {

  private final PersonaLearning learning;

  public LearnedPersona(PersonaLearning learning) {
    this.learning = learning;
  }

  @Override
  public PersonaResult respond(PersonaTurn turn) {
    return learning.persona().respond(turn);
  }

  @Override
  public boolean readsTranscript() {
    return learning.persona().readsTranscript();
  }
}
