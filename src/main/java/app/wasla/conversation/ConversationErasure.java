package app.wasla.conversation;

import app.wasla.system.CustomerDataOwner;
import app.wasla.system.CustomerErasure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A customer's erasure in the conversation's data: the mailbox row is locked first (no delivery
 * runs for it meanwhile), then the conversations leave the engine, then the mailbox tables are
 * rewritten.
 *
 * <p>The engine side: the customer's conversations hold what the customer wrote and is called in
 * many of Camunda's tables (variables, task names and task-local variables, business keys,
 * comments, incidents, job exception messages, identity links, decision inputs, their history), so
 * the conversations go: live ones are deleted (custom listeners skipped: nothing is sent or
 * recorded on the way out; an open handoff ends with them), then the history of all of them,
 * sub-processes included. Only Camunda's public API; it runs before Wasla's own rows are rewritten
 * and in the erasing transaction (the engine joins Spring's transactions), so that a failure erases
 * nothing. A new message from the same number then starts a new conversation.
 *
 * <p>The mailbox side: message texts, raw payloads, profile names and errors go; the rows stay for
 * their counts, under the pseudonym, and WhatsApp message ids (which encode the number) become
 * their keyed hash. Runs first of the {@link CustomerDataOwner}s, right after the CRM locked the
 * customer's row.
 */
@Component
@Order(10)
class ConversationErasure implements CustomerDataOwner {

  static final String DELETE_REASON = "customer erased";

  private final RuntimeService runtime;
  private final HistoryService history;
  private final JdbcClient jdbc;

  private final app.wasla.conversation.media.MediaStore mediaStore;

  ConversationErasure(
      RuntimeService runtime,
      HistoryService history,
      JdbcClient jdbc,
      app.wasla.conversation.media.MediaStore mediaStore) {
    this.mediaStore = mediaStore;
    this.runtime = runtime;
    this.history = history;
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Integer> eraseCustomer(CustomerErasure erasure) {
    String key = erasure.customerKey();
    jdbc.sql("SELECT conversation_key FROM conversation WHERE conversation_key = ? FOR UPDATE")
        .param(key)
        .query(String.class)
        .optional();
    eraseFromEngine(key);
    return eraseFromMailbox(erasure);
  }

  private void eraseFromEngine(String key) {
    Set<String> live = new LinkedHashSet<>();
    runtime
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(key)
        .list()
        .forEach(p -> live.add(rootOf(p)));
    runtime
        .createProcessInstanceQuery()
        .variableValueEquals("customerKey", key)
        .list()
        .forEach(p -> live.add(rootOf(p)));
    if (!live.isEmpty()) {
      // skipCustomListeners, externallyTerminated, skipSubprocesses=false, skipIoMappings
      runtime.deleteProcessInstances(new ArrayList<>(live), DELETE_REASON, true, true, false, true);
    }
    Set<String> ended = new LinkedHashSet<>(live);
    history
        .createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(key)
        .list()
        .forEach(h -> ended.add(h.getId()));
    history
        .createHistoricProcessInstanceQuery()
        .variableValueEquals("customerKey", key)
        .list()
        .forEach(h -> ended.add(h.getId()));
    List<String> frontier = new ArrayList<>(ended);
    while (!frontier.isEmpty()) {
      List<String> next = new ArrayList<>();
      for (String id : frontier) {
        for (HistoricProcessInstance sub :
            history.createHistoricProcessInstanceQuery().superProcessInstanceId(id).list()) {
          if (ended.add(sub.getId())) {
            next.add(sub.getId());
          }
        }
      }
      frontier = next;
    }
    if (!ended.isEmpty()) {
      history.deleteHistoricProcessInstancesIfExists(new ArrayList<>(ended));
    }
  }

  private Map<String, Integer> eraseFromMailbox(CustomerErasure erasure) {
    String key = erasure.customerKey();
    String pseudonym = erasure.pseudonym();
    Map<String, Integer> touched = new LinkedHashMap<>();
    // the customer's photos, voice notes, documents and locations go whole; their files once this
    // commits (a rolled-back erasure keeps them)
    java.util.List<String> files =
        jdbc.sql(
                "SELECT storage_key FROM inbox_media WHERE conversation_key = ? AND storage_key IS NOT NULL")
            .param(key)
            .query(String.class)
            .list();
    touched.put(
        "media",
        jdbc.sql("DELETE FROM inbox_media WHERE conversation_key = ?").param(key).update());
    app.wasla.system.AfterCommit.run(
        () -> {
          for (String file : files) {
            try {
              mediaStore.delete(file);
            } catch (java.io.IOException | RuntimeException e) {
              org.slf4j.LoggerFactory.getLogger(ConversationErasure.class)
                  .warn("An erased customer's media file was not deleted: {}", e.toString());
            }
          }
        });
    // WhatsApp message ids encode the number (base64): each becomes its keyed hash, still unique
    for (String wamid :
        jdbc.sql("SELECT wamid FROM inbox_message WHERE conversation_key = ?")
            .param(key)
            .query(String.class)
            .list()) {
      jdbc.sql("UPDATE inbox_message SET wamid = ?, context_wamid = NULL WHERE wamid = ?")
          .params(erasure.hash().apply(wamid), wamid)
          .update();
    }
    for (String wamid :
        jdbc.sql(
                "SELECT wamid FROM outbound_message WHERE conversation_key = ? AND wamid IS NOT NULL")
            .param(key)
            .query(String.class)
            .list()) {
      jdbc.sql(
              "UPDATE message_status SET wamid = ?, recipient_wa_id = ?, errors_json = NULL, error_title = NULL"
                  + " WHERE wamid = ?")
          .params(erasure.hash().apply(wamid), pseudonym, wamid)
          .update();
      jdbc.sql("UPDATE outbound_message SET wamid = ? WHERE wamid = ?")
          .params(erasure.hash().apply(wamid), wamid)
          .update();
    }
    // the conversation row is the inbox's parent (foreign key): the pseudonymous copy first, the
    // rows moved, then the old
    jdbc.sql(
            """
            INSERT INTO conversation (conversation_key, phone_number_id, wa_id, customer_name, created_at,
              last_inbound_at, turn_seq)
            SELECT ?, phone_number_id, ?, NULL, created_at, last_inbound_at, turn_seq
            FROM conversation WHERE conversation_key = ?""")
        .params(pseudonym, pseudonym, key)
        .update();
    touched.put(
        "inboundMessages",
        jdbc.sql(
                """
            UPDATE inbox_message SET conversation_key = ?, text = NULL, raw_json = NULL, profile_name = NULL,
              variables_json = NULL, media_id = NULL, reply_id = NULL
            WHERE conversation_key = ?""")
            .params(pseudonym, key)
            .update());
    jdbc.sql("DELETE FROM conversation WHERE conversation_key = ?").param(key).update();
    // body_json is NOT NULL and holds the text too: an empty object stands in for it
    touched.put(
        "outboundMessages",
        jdbc.sql(
                """
            UPDATE outbound_message SET conversation_key = ?, wa_id = ?, text = NULL, body_json = '{}', error = NULL
            WHERE conversation_key = ?""")
            .params(pseudonym, pseudonym, key)
            .update());
    jdbc.sql("UPDATE conversation_start SET conversation_key = ? WHERE conversation_key = ?")
        .params(pseudonym, key)
        .update();
    return touched;
  }

  private static String rootOf(ProcessInstance p) {
    return p.getRootProcessInstanceId() == null ? p.getId() : p.getRootProcessInstanceId();
  }
}
