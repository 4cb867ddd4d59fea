package app.wasla.persona;

/** The AI persona: reads one customer turn and answers with language, intent, sentiment, entities, reply and handoff. */
public interface Persona {
    PersonaResult respond(PersonaTurn turn);
}
