package app.wasla.conversation.media;

/** Turns a voice note into text. */
public interface Transcriber {

  /** A transcription that failed; {@code retryable} for a network error, 429 or 5xx. */
  class TranscriptionException extends RuntimeException {
    private final boolean retryable;

    public TranscriptionException(String message, boolean retryable, Throwable cause) {
      super(message, cause);
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  /** The spoken text of the audio file (may be blank when nothing was said). */
  String transcribe(byte[] audio, String mimeType, String filename);
}
