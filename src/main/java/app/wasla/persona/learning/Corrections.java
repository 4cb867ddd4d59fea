package app.wasla.persona.learning;

import app.wasla.crm.CustomerErased;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The agents' corrections of the persona's reading, in the database so that every node trains on
 * the same ones: the turn that handed a conversation over (kept when the handoff task is created)
 * and what the agent said the customer wanted. A changed choice is a new row; the latest of a task
 * is the one that trains.
 */
@Component
public class Corrections {

  /** What the agent chose. */
  public enum Kind {
    /** The customer wanted another intent than the persona read. */
    INTENT,
    /**
     * The persona read the message right and should have answered it instead of handing it over.
     */
    BOT_SHOULD_HAVE_ANSWERED
  }

  /** The customer's turn that caused a handoff, and how the persona read it. */
  public record HandoffTurn(
      String taskId, String conversationKey, String text, String readAs, String language) {}

  /** A saved correction. */
  public record Correction(
      long id,
      String taskId,
      String text,
      String readAs,
      String intent,
      Kind kind,
      String language,
      String agentId,
      Instant at) {}

  /** Published after a correction is saved (in the saving transaction's thread). */
  public record Saved(long id) {}

  /**
   * Changes whenever a correction is added or erased: how another node notices that it must
   * retrain.
   */
  public record Fingerprint(long count, long maxId) {}

  /** The columns are VARCHAR(4000); a turn is at most 3,900 characters (the mailbox's limit). */
  static final int MAX_TEXT = 4000;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  Corrections(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Keeps the turn that a new handoff task is about, in the caller's (the engine's) transaction.
   */
  public void recordHandoffTurn(
      String taskId, String conversationKey, String text, String readAs, String language) {
    if (text == null || text.isBlank() || conversationKey == null) {
      return; // a tapped reply or a flow's own handoff: no customer words to learn from
    }
    jdbc.sql(
            """
            INSERT INTO handoff_turn (task_id, conversation_key, turn_text, read_as, language, created_at)
            VALUES (?, ?, ?, ?, ?, ?)""")
        .params(
            taskId,
            conversationKey,
            cut(text.strip(), MAX_TEXT),
            cut(readAs, 64),
            cut(language, 16),
            now())
        .update();
  }

  /**
   * The handoff task ended: its form is gone, and so is what it could correct (saved corrections
   * stay).
   */
  public void forgetHandoffTurn(String taskId) {
    jdbc.sql("DELETE FROM handoff_turn WHERE task_id = ?").param(taskId).update();
  }

  public Optional<HandoffTurn> handoffTurn(String taskId) {
    return jdbc.sql(
            "SELECT task_id, conversation_key, turn_text, read_as, language FROM handoff_turn WHERE task_id = ?")
        .param(taskId)
        .query(
            (rs, n) ->
                new HandoffTurn(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5)))
        .optional();
  }

  /**
   * Saves what the agent chose for the task's turn and tells the learner (which retrains shortly
   * after).
   */
  public Correction save(HandoffTurn turn, String intent, Kind kind, String agentId) {
    OffsetDateTime at = now();
    jdbc.sql(
            """
            INSERT INTO persona_correction (task_id, conversation_key, message_text, read_as, intent, kind, language,
                                            agent_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            turn.taskId(),
            turn.conversationKey(),
            turn.text(),
            turn.readAs(),
            intent,
            kind.name(),
            turn.language(),
            agentId,
            at)
        .update();
    Correction saved = latest(turn.taskId()).orElseThrow();
    events.publishEvent(new Saved(saved.id()));
    return saved;
  }

  /** The task's current correction, if the agent made one. */
  public Optional<Correction> latest(String taskId) {
    return jdbc
        .sql(SELECT + " WHERE task_id = ? ORDER BY id DESC")
        .param(taskId)
        .query(Corrections::row)
        .list()
        .stream()
        .findFirst();
  }

  /** The corrections that train: the latest of each task, oldest first. */
  public List<Correction> forTraining() {
    return jdbc.sql(
            SELECT
                + " WHERE id IN (SELECT MAX(id) FROM persona_correction GROUP BY task_id) ORDER BY id")
        .query(Corrections::row)
        .list();
  }

  public Fingerprint fingerprint() {
    return jdbc.sql("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM persona_correction")
        .query((rs, n) -> new Fingerprint(rs.getLong(1), rs.getLong(2)))
        .single();
  }

  /**
   * An erased customer's words leave the training data too (the learner retrains when it sees the
   * change).
   */
  @EventListener
  void erase(CustomerErased erased) {
    jdbc.sql("DELETE FROM persona_correction WHERE conversation_key = ?")
        .param(erased.customerKey())
        .update();
    jdbc.sql("DELETE FROM handoff_turn WHERE conversation_key = ?")
        .param(erased.customerKey())
        .update();
  }

  private static final String SELECT =
      """
      SELECT id, task_id, message_text, read_as, intent, kind, language, agent_id, created_at
      FROM persona_correction""";

  private static Correction row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Correction(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        Kind.valueOf(rs.getString(6)),
        rs.getString(7),
        rs.getString(8),
        rs.getObject(9, OffsetDateTime.class).toInstant());
  }

  private OffsetDateTime now() {
    return clock.instant().atOffset(ZoneOffset.UTC);
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
