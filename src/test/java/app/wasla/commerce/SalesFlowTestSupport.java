package app.wasla.commerce;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import app.wasla.commerce.order.Order;
import app.wasla.commerce.order.Orders;
import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.ConversationVariables;
import app.wasla.conversation.Inbox;
import app.wasla.conversation.Mailbox;
import app.wasla.conversation.NewInboxEntry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A conversation to run the sales flows in: its 24-hour window open, helpers to step jobs and talk.
 */
final class SalesFlowTestSupport {

  final String key;
  final String waId;
  private final JdbcClient jdbc;

  private long turnSeq = 1;

  /**
   * An order of this customer, cash on delivery and confirmed, placed {@code daysAgo} days ago:
   * what the returns flow looks up.
   */
  Order placedDaysAgo(Orders orders, String sku, int daysAgo) {
    Order order = orders.place(waId, sku, 1, "CAI", UUID.randomUUID().toString()).orElseThrow();
    orders.confirmCashOnDelivery(order.id());
    jdbc.sql(
            "UPDATE commerce_order SET created_at = CURRENT_TIMESTAMP - "
                + daysAgo
                + " * INTERVAL '1' DAY WHERE id = ?")
        .param(Long.parseLong(order.id().substring("ORD-".length())))
        .update();
    return order;
  }

  /** An order placed that many days ago for cash on delivery, and delivered since (a courier's). */
  Order deliveredDaysAgo(Orders orders, String sku, int daysAgo) {
    Order order = placedDaysAgo(orders, sku, daysAgo);
    jdbc.sql("UPDATE commerce_order SET status = 'DELIVERED', tracking = 'BOSTA-TEST' WHERE id = ?")
        .param(Long.parseLong(order.id().substring("ORD-".length())))
        .update();
    // the flow tests share one store: the unit goes back on the shelf, so that the next test that
    // orders this product still finds it in stock
    jdbc.sql(
            "UPDATE commerce_stock SET on_hand = on_hand + 1 WHERE sku = ? AND branch_code = 'CAI'")
        .param(sku)
        .update();
    return order;
  }

  /**
   * Runs the due jobs of every instance of this conversation (the flow and the flows it called).
   */
  void runAllDueJobs() {
    for (int i = 0; i < 10; i++) {
      List<ProcessInstance> all =
          runtimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).list();
      boolean any = false;
      for (ProcessInstance p : all) {
        if (managementService().createJobQuery().processInstanceId(p.getId()).executable().count()
            > 0) {
          runDueJobs(p);
          any = true;
        }
      }
      if (!any) {
        return;
      }
    }
  }

  SalesFlowTestSupport(Inbox inbox, JdbcClient jdbc) {
    this(inbox, jdbc, "2011" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999));
  }

  SalesFlowTestSupport(Inbox inbox, JdbcClient jdbc, String waId) {
    this.jdbc = jdbc;
    this.waId = waId;
    this.key = "100000000000001:" + waId;
    // the demo store's returning customer is one number for every test that needs its orders, and
    // the flow tests share one database (support/FlowTest): such a test starts afresh
    for (ProcessInstance earlier :
        runtimeService()
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(key)
            .rootProcessInstances()
            .list()) {
      runtimeService().deleteProcessInstance(earlier.getId(), "a test starts afresh");
    }
    jdbc.sql("DELETE FROM outbound_message WHERE conversation_key = ?").param(key).update();
    inbox.accept(
        new NewInboxEntry(
            "wamid.c." + key + System.nanoTime(),
            ConversationKey.parse(key),
            Mailbox.CUSTOMER_MESSAGE,
            "text",
            "hi",
            null,
            null,
            null,
            null,
            "Mariam",
            null,
            null,
            Instant.now(),
            Instant.now(),
            false));
    jdbc.sql(
            "UPDATE conversation SET last_inbound_at = CURRENT_TIMESTAMP WHERE conversation_key = ?")
        .param(key)
        .update();
  }

  ProcessInstance start(String processKey, String text, String language, String intent) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.CONVERSATION_KEY, key);
    variables.put(ConversationVariables.CUSTOMER_NAME, "Mariam");
    variables.put(ConversationVariables.TURN_TEXT, text);
    variables.put(ConversationVariables.REPLY_ID, null);
    variables.put(ConversationVariables.TURN_SEQ, 1L);
    variables.put("language", language);
    variables.put("intent", intent);
    return runtimeService().startProcessInstanceByKey(processKey, key, variables);
  }

  void customerWrites(ProcessInstance instance, String text, String replyId) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.TURN_TEXT, text);
    variables.put(ConversationVariables.REPLY_ID, replyId);
    variables.put(ConversationVariables.TURN_SEQ, ++turnSeq); // as the mailbox numbers the turns
    runtimeService()
        .createMessageCorrelation(Mailbox.CUSTOMER_MESSAGE)
        .processInstanceId(instance.getId())
        .setVariables(variables)
        .correlate();
  }

  /** Runs every job that is due now (async continuations), until none is left; timers stay. */
  void runDueJobs(ProcessInstance instance) {
    for (int i = 0; i < 50; i++) {
      List<Job> due =
          managementService()
              .createJobQuery()
              .processInstanceId(instance.getId())
              .executable()
              .list()
              .stream()
              .filter(j -> j.getDuedate() == null || !j.getDuedate().after(new java.util.Date()))
              .toList();
      if (due.isEmpty()) {
        return;
      }
      managementService().executeJob(due.get(0).getId());
    }
    throw new IllegalStateException("jobs keep coming");
  }

  /** Fires the timer at that element now, then runs what follows it. */
  void fireTimer(ProcessInstance instance, String activityId) {
    Job timer =
        managementService()
            .createJobQuery()
            .processInstanceId(instance.getId())
            .activityId(activityId)
            .timers()
            .singleResult();
    managementService().executeJob(timer.getId());
    runDueJobs(instance);
  }

  Job timer(ProcessInstance instance, String activityId) {
    return managementService()
        .createJobQuery()
        .processInstanceId(instance.getId())
        .activityId(activityId)
        .timers()
        .singleResult();
  }

  /** What was sent, but the product photos (an offer's photo is asserted where it matters). */
  List<String> sentTexts() {
    return jdbc.sql(
            "SELECT text FROM outbound_message WHERE conversation_key = ? AND message_type <> 'image'"
                + " ORDER BY id")
        .param(key)
        .query(String.class)
        .list();
  }

  /** Every message sent, as "type: text" in the order queued. */
  List<String> sentTypesAndTexts() {
    return jdbc.sql(
            "SELECT message_type, text FROM outbound_message WHERE conversation_key = ? ORDER BY id")
        .param(key)
        .query((rs, n) -> rs.getString(1) + ": " + rs.getString(2))
        .list();
  }

  /** The body (JSON) of each photo sent, in order. */
  List<String> sentPhotos() {
    return jdbc.sql(
            "SELECT body_json FROM outbound_message WHERE conversation_key = ? AND message_type = 'image'"
                + " ORDER BY id")
        .param(key)
        .query(String.class)
        .list();
  }

  int reserved(String sku) {
    return jdbc.sql("SELECT SUM(reserved) FROM commerce_stock WHERE sku = ?")
        .param(sku)
        .query(Integer.class)
        .single();
  }

  int onHand(String sku) {
    return jdbc.sql("SELECT SUM(on_hand) FROM commerce_stock WHERE sku = ?")
        .param(sku)
        .query(Integer.class)
        .single();
  }

  String orderStatus(String orderId) {
    return jdbc.sql("SELECT status FROM commerce_order WHERE id = ?")
        .param(Long.valueOf(orderId.substring(4)))
        .query(String.class)
        .single();
  }

  String paymentStatus(String paymentId) {
    return jdbc.sql("SELECT status FROM commerce_payment WHERE id = ?")
        .param(paymentId)
        .query(String.class)
        .single();
  }
}
