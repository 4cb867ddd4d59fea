package app.wasla.conversation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The conversations' figures for the reports (docs/reports.md), from the inbox and the outbound
 * messages: conversations started in a period, and how long each waited for Wasla's first reply.
 */
@Component
public class ConversationFigures {

  private final JdbcClient jdbc;
  private final java.time.Clock clock;

  ConversationFigures(JdbcClient jdbc, java.time.Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * A conversation started: the first customer message that a flow (process instance) received
   * (external events such as a payment's, delivered to a sales flow, start none), and the first
   * message Wasla queued to the customer at or after it (null when none yet).
   */
  public record Started(String conversationKey, Instant startedAt, Instant firstReplyAt) {}

  /**
   * The {@code flow} of a conversation whose first message was answered outside any flow (a consent
   * keyword such as STOP): no process instance runs for it.
   */
  public static final String NO_FLOW = "answered-outside-the-flow";

  /**
   * How long after a message answered outside the flow a flow that the customer's next message
   * starts still belongs to the same conversation: WhatsApp's customer-service window.
   */
  static final java.time.Duration SAME_CONVERSATION = java.time.Duration.ofHours(24);

  /**
   * A customer's message that Wasla answered outside the flow (a consent keyword) while no flow of
   * the conversation was running: it starts a conversation too, unless the previous one it started
   * so is still the conversation's latest start and recent (a second STOP, or STOP and START).
   */
  void startedOutsideTheFlow(String conversationKey, Instant firstMessageAt) {
    if (recentStartWithoutFlow(conversationKey, firstMessageAt).isPresent()) {
      return;
    }
    insert(
        "no-flow:" + java.util.UUID.randomUUID(),
        conversationKey,
        NO_FLOW,
        Mailbox.CUSTOMER_MESSAGE,
        firstMessageAt);
  }

  /**
   * The mailbox started a flow instance for the conversation (in the delivery transaction). When
   * the conversation's latest start is a message answered outside the flow within {@link
   * #SAME_CONVERSATION} before, the flow continues that conversation: the start keeps its first
   * message and is now the flow's, so the conversation counts once.
   */
  void started(
      String conversationKey,
      String processInstanceId,
      String flow,
      String startedBy,
      Instant firstMessageAt) {
    if (Mailbox.CUSTOMER_MESSAGE.equals(startedBy)) {
      java.util.Optional<String> withoutFlow =
          recentStartWithoutFlow(conversationKey, firstMessageAt);
      if (withoutFlow.isPresent()) {
        jdbc.sql(
                "UPDATE conversation_start SET process_instance_id = ?, flow = ?"
                    + " WHERE process_instance_id = ?")
            .params(processInstanceId, flow, withoutFlow.get())
            .update();
        return;
      }
    }
    insert(
        processInstanceId,
        conversationKey,
        flow == null ? "message:" + startedBy : flow,
        startedBy,
        firstMessageAt);
  }

  /** The conversation's latest start, when it is one without a flow recent before {@code at}. */
  private java.util.Optional<String> recentStartWithoutFlow(String conversationKey, Instant at) {
    return jdbc
        .sql(
            """
            SELECT process_instance_id, flow, first_message_at FROM conversation_start
            WHERE conversation_key = ? ORDER BY first_message_at DESC, created_at DESC
            FETCH FIRST 1 ROWS ONLY""")
        .param(conversationKey)
        .query(
            (rs, n) ->
                NO_FLOW.equals(rs.getString("flow"))
                        && !rs.getObject("first_message_at", OffsetDateTime.class)
                            .toInstant()
                            .plus(SAME_CONVERSATION)
                            .isBefore(at)
                    ? rs.getString("process_instance_id")
                    : "")
        .list()
        .stream()
        .filter(id -> !id.isEmpty())
        .findFirst();
  }

  private void insert(
      String processInstanceId,
      String conversationKey,
      String flow,
      String startedBy,
      Instant firstMessageAt) {
    jdbc.sql(
            """
            INSERT INTO conversation_start (process_instance_id, conversation_key, phone_number_id, flow,
              started_by, first_message_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .params(
            processInstanceId,
            conversationKey,
            ConversationKey.parse(conversationKey).phoneNumberId(),
            flow,
            startedBy,
            utc(firstMessageAt),
            utc(clock.instant()))
        .update();
  }

  /**
   * Conversations a customer's message started whose first message arrived in [from, to), each with
   * the first message Wasla queued to the customer at or after it.
   */
  public List<Started> started(Instant from, Instant to, String phoneNumberId) {
    List<Object> params = new ArrayList<>(List.of(Mailbox.CUSTOMER_MESSAGE, utc(from), utc(to)));
    String sql =
        """
        SELECT s.conversation_key, s.first_message_at,
          (SELECT MIN(o.created_at) FROM outbound_message o WHERE o.conversation_key = s.conversation_key
             AND o.created_at >= s.first_message_at) AS first_reply
        FROM conversation_start s
        WHERE s.started_by = ? AND s.first_message_at >= ? AND s.first_message_at < ?""";
    if (phoneNumberId != null) {
      sql += " AND s.phone_number_id = ?";
      params.add(phoneNumberId);
    }
    return jdbc.sql(sql + " ORDER BY s.first_message_at, s.process_instance_id")
        .params(params)
        .query(
            (rs, n) -> {
              OffsetDateTime reply = rs.getObject("first_reply", OffsetDateTime.class);
              return new Started(
                  rs.getString("conversation_key"),
                  rs.getObject("first_message_at", OffsetDateTime.class).toInstant(),
                  reply == null ? null : reply.toInstant());
            })
        .list();
  }

  /** The business numbers Wasla has had conversations on. */
  public Set<String> phoneNumberIds() {
    return new HashSet<>(
        jdbc.sql("SELECT DISTINCT phone_number_id FROM conversation").query(String.class).list());
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
