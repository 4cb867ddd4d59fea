package app.wasla.persona;

import java.time.Instant;

/** One line of the conversation so far. */
public record TranscriptLine(boolean fromCustomer, String text, Instant at) {}
