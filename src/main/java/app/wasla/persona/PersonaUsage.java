package app.wasla.persona;

import java.time.Instant;

/** Tokens one LLM call used, for the caller to store per conversation. */
public record PersonaUsage(
    String conversationKey, String model, int promptTokens, int completionTokens, Instant at) {

  /** Told about every LLM call's token usage. */
  @FunctionalInterface
  public interface Listener {
    Listener NONE = usage -> {};

    void onUsage(PersonaUsage usage);
  }
}
