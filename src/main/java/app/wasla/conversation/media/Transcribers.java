package app.wasla.conversation.media;

import java.util.Optional;

/** The configured transcriber, if any: whether voice notes become text. */
public final class Transcribers {

  private final Transcriber transcriber;

  Transcribers(Transcriber transcriber) {
    this.transcriber = transcriber;
  }

  /** True when voice notes are transcribed (a transcription endpoint is configured). */
  public boolean enabled() {
    return transcriber != null;
  }

  Optional<Transcriber> get() {
    return Optional.ofNullable(transcriber);
  }
}
