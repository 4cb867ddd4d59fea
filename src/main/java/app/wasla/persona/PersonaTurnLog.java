package app.wasla.persona;

import app.wasla.conversation.ConversationKey;
import app.wasla.system.Fit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each turn the persona read (table {@code persona_turn}): its intent and whether it could answer;
 * the customer's words only for the turns it could not answer. What the reports count as product
 * inquiries, top intents and unanswered questions (docs/reports.md).
 */
@Component
public class PersonaTurnLog {

  /** Intents that ask about a product: the first step of the sales funnel. */
  public static final Set<String> PRODUCT_INTENTS =
      Set.of(Intents.PRODUCT_INQUIRY, Intents.AVAILABILITY, Intents.ORDER);

  static final int MAX_QUESTION = 1000;

  private final JdbcClient jdbc;
  private final Counter unanswered;

  PersonaTurnLog(JdbcClient jdbc, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.unanswered =
        Counter.builder("wasla.persona.unanswered")
            .description(
                "Customer turns the persona did not answer: it said so and handed to a person, read"
                    + " them as other or with low confidence, or the customer corrected it next")
            .register(registry);
  }

  /** Records a turn in the caller's transaction. */
  void record(
      String conversationKey,
      String processInstanceId,
      PersonaResult result,
      String turnText,
      Instant at) {
    boolean answered = !unanswered(result, turnText);
    String phoneNumberId = ConversationKey.parse(conversationKey).phoneNumberId();
    jdbc.sql(
            """
            INSERT INTO persona_turn (conversation_key, phone_number_id, process_instance_id, intent,
              language, handoff_reason, answered, question, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            conversationKey,
            phoneNumberId,
            processInstanceId,
            result.intent() == null ? Intents.OTHER : Fit.cut(result.intent(), 64),
            result.language() == null ? null : result.language().tag(),
            result.handoff() ? category(result) : null,
            answered,
            answered || turnText == null ? null : Fit.cut(turnText.strip(), MAX_QUESTION),
            at.atOffset(ZoneOffset.UTC))
        .update();
    if (!answered) {
      app.wasla.system.AfterCommit.run(unanswered::increment);
    }
  }

  /**
   * A customer correcting the bot's reading of the previous turn: "لا انا بسأل على…", "no, I asked
   * about…", "مش ده اللي…", "that's not what I asked".
   */
  static final java.util.regex.Pattern CORRECTION =
      java.util.regex.Pattern.compile(
          "^\\s*(?:(?:لا|لأ|لاء|لاا+)[\\s،,.!]+(?:يا\\s+\\S+\\s+)?(?:انا|أنا)?\\s*"
              + "(?:بسأل|بسال|باسأل|بسئل|اسأل|أسأل|سألت|قصدي|اقصد|أقصد|بتكلم|بتكلّم)"
              + "|مش\\s+(?:ده|دا|دي|هذا|هذه)\\s+(?:اللي|الي|ما)"
              + "|no[\\s,.!]+(?:i\\s+|i'm\\s+|i\\s+am\\s+|i\\s+was\\s+)?(?:asked|asking|meant|mean|said)"
              + "|that'?s\\s+not\\s+what\\s+i\\s+(?:asked|meant|said)"
              + "|la2?\\s+ana\\s+(?:bas2al|basal|2asdi|a2sod))",
          java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);

  /**
   * Whether the persona left the turn unanswered (docs/reports.md, "Unanswered questions"): it said
   * so and handed the conversation to a person; or, without a handoff, it read the words as {@code
   * other} or below {@link PersonaResult#LOW_CONFIDENCE_THRESHOLD} (a generic answer); or the words
   * correct its previous reading ({@link #CORRECTION}). A turn without words (a photo alone) and a
   * turn handed to a person for another reason are not questions left unanswered.
   */
  static boolean unanswered(PersonaResult result, String turnText) {
    if (HandoffReasons.UNANSWERED.equals(category(result))) {
      return true;
    }
    if (result.handoff() || turnText == null || !hasWords(turnText)) {
      return false;
    }
    return CORRECTION.matcher(turnText).find()
        || Intents.OTHER.equals(result.intent())
        || result.lowConfidence();
  }

  /** Words, not only a media line (see MediaTurns) or punctuation. */
  private static boolean hasWords(String turnText) {
    return turnText
        .lines()
        .map(String::strip)
        .filter(l -> !MediaTurns.isMarker(l))
        .anyMatch(l -> l.codePoints().anyMatch(Character::isLetter));
  }

  private static String category(PersonaResult result) {
    return result.handoffReason() == null ? null : HandoffReasons.category(result.handoffReason());
  }

  /**
   * The persona's reading of one customer turn: intent, language (a tag), why a person was needed
   * (the reason's category, null when it answered), when it read it.
   */
  public record Reading(String intent, String language, String handoffReason, Instant at) {}

  /** The conversation's readings from {@code since} on (null: all), oldest first, at most 500. */
  public List<Reading> readings(String conversationKey, Instant since) {
    return jdbc
        .sql(
            """
            SELECT intent, language, handoff_reason, created_at FROM persona_turn
            WHERE conversation_key = ? AND created_at >= ?
            ORDER BY created_at, id""")
        .params(conversationKey, (since == null ? Instant.EPOCH : since).atOffset(ZoneOffset.UTC))
        .query(
            (rs, i) ->
                new Reading(
                    rs.getString("intent"),
                    rs.getString("language"),
                    rs.getString("handoff_reason"),
                    rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant()))
        .list()
        .stream()
        .limit(500)
        .toList();
  }

  /** Turns per intent in [from, to), most first. */
  public record IntentCount(String intent, long turns) {}

  public List<IntentCount> intents(Instant from, Instant to, String phoneNumberId) {
    return jdbc.sql(
            """
            SELECT intent, COUNT(*) AS turns FROM persona_turn
            WHERE created_at >= ? AND created_at < ?"""
                + number(phoneNumberId)
                + " GROUP BY intent ORDER BY turns DESC, intent")
        .params(params(from, to, phoneNumberId))
        .query((rs, n) -> new IntentCount(rs.getString("intent"), rs.getLong("turns")))
        .list();
  }

  /** A question the persona could not answer, with how often it was asked in the period. */
  public record Unanswered(String question, long times, Instant lastAsked) {}

  public List<Unanswered> unanswered(Instant from, Instant to, String phoneNumberId, int limit) {
    return jdbc
        .sql(
            """
            SELECT question, COUNT(*) AS times, MAX(created_at) AS last_asked FROM persona_turn
            WHERE created_at >= ? AND created_at < ? AND answered = FALSE AND question IS NOT NULL"""
                + number(phoneNumberId)
                + " GROUP BY question ORDER BY times DESC, last_asked DESC")
        .params(params(from, to, phoneNumberId))
        .query(
            (rs, n) ->
                new Unanswered(
                    rs.getString("question"),
                    rs.getLong("times"),
                    rs.getObject("last_asked", java.time.OffsetDateTime.class).toInstant()))
        .list()
        .stream()
        .limit(limit)
        .toList();
  }

  /** The conversation keys that asked about a product in [from, to). */
  public Set<String> productInquirers(Instant from, Instant to, String phoneNumberId) {
    return new HashSet<>(
        jdbc.sql(
                """
                SELECT DISTINCT conversation_key FROM persona_turn
                WHERE created_at >= ? AND created_at < ?
                  AND intent IN ('product_inquiry', 'availability', 'order')"""
                    + number(phoneNumberId))
            .params(params(from, to, phoneNumberId))
            .query(String.class)
            .list());
  }

  /** Every phone number id that has a turn: the business numbers the reports know. */
  public Set<String> phoneNumberIds() {
    return new HashSet<>(
        jdbc.sql("SELECT DISTINCT phone_number_id FROM persona_turn").query(String.class).list());
  }

  private static String number(String phoneNumberId) {
    return phoneNumberId == null ? "" : " AND phone_number_id = ?";
  }

  private static List<Object> params(Instant from, Instant to, String phoneNumberId) {
    List<Object> params = new java.util.ArrayList<>(List.of(utc(from), utc(to)));
    if (phoneNumberId != null) {
      params.add(phoneNumberId);
    }
    return params;
  }

  private static java.time.OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
