package app.wasla.persona.openai;

import java.time.Duration;

/**
 * Where and how to call an OpenAI-compatible Chat Completions server (OpenAI, Ollama, vLLM, LM
 * Studio). The API key never appears in {@link #toString()}.
 */
public record OpenAiSettings(
    String baseUrl,
    String apiKey,
    String model,
    Duration connectTimeout,
    Duration readTimeout,
    int maxAttempts,
    boolean sendManualTags) {

  /** Without the agents' manual tags in the prompt (the default). */
  public OpenAiSettings(
      String baseUrl,
      String apiKey,
      String model,
      Duration connectTimeout,
      Duration readTimeout,
      int maxAttempts) {
    this(baseUrl, apiKey, model, connectTimeout, readTimeout, maxAttempts, false);
  }

  public OpenAiSettings {
    baseUrl =
        baseUrl == null || baseUrl.isBlank()
            ? "https://api.openai.com/v1"
            : baseUrl.replaceAll("/+$", "");
    model = model == null || model.isBlank() ? "gpt-4o-mini" : model;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    readTimeout = readTimeout == null ? Duration.ofSeconds(20) : readTimeout;
    maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
  }

  @Override
  public String toString() {
    return "OpenAiSettings[baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey == null || apiKey.isEmpty() ? "(none)" : "****")
        + ", model="
        + model
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", maxAttempts="
        + maxAttempts
        + ", sendManualTags="
        + sendManualTags
        + "]";
  }
}
