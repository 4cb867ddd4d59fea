package app.wasla.persona;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * wasla.persona.*: which persona answers ({@code embedded}, the default, or {@code openai}), its
 * name, where the playbook and the handoff rules are, and the OpenAI-compatible server. The API key
 * has no default and is masked in {@link #toString()}. The agents' manual tags reach the LLM only
 * with {@code openai.send-manual-tags=true}.
 */
@ConfigurationProperties("wasla.persona")
public record PersonaProperties(
    @DefaultValue("embedded") String provider,
    @DefaultValue("Nour") String name,
    @DefaultValue("classpath:persona/playbook/") String playbookPath,
    @DefaultValue("processes/handoff-rules.dmn") String handoffRulesPath,
    @DefaultValue OpenAi openai) {

  /** wasla.persona.openai.*: the Chat Completions server. */
  public record OpenAi(
      @DefaultValue("https://api.openai.com/v1") String baseUrl,
      String apiKey,
      @DefaultValue("gpt-4o-mini") String model,
      @DefaultValue("5s") Duration connectTimeout,
      @DefaultValue("20s") Duration readTimeout,
      @DefaultValue("3") int maxAttempts,
      @DefaultValue("false") boolean sendManualTags) {

    @Override
    public String toString() {
      return "OpenAi[baseUrl="
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
}
