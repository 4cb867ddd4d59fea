package app.wasla.persona;

import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores the LLM persona's token usage per conversation; a failure to store never fails the reply.
 */
@Component
class PersonaUsageLog implements PersonaUsage.Listener {

  private static final Logger log = LoggerFactory.getLogger(PersonaUsageLog.class);

  private final JdbcClient jdbc;

  PersonaUsageLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void onUsage(PersonaUsage usage) {
    try {
      jdbc.sql(
              """
              INSERT INTO persona_usage (conversation_key, model, prompt_tokens, completion_tokens, used_at)
              VALUES (?, ?, ?, ?, ?)""")
          .params(
              usage.conversationKey(),
              usage.model(),
              usage.promptTokens(),
              usage.completionTokens(),
              usage.at().atOffset(ZoneOffset.UTC))
          .update();
    } catch (RuntimeException e) {
      log.warn("Could not record persona token usage: {}", e.toString());
    }
  }

  /** Total tokens (prompt + completion) a conversation has used. */
  long totalTokens(String conversationKey) {
    return jdbc.sql(
            "SELECT COALESCE(SUM(prompt_tokens + completion_tokens), 0) FROM persona_usage WHERE conversation_key = ?")
        .param(conversationKey)
        .query(Long.class)
        .single();
  }
}
