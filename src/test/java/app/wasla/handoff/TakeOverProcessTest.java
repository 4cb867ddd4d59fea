package app.wasla.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.ConversationVariables;
import app.wasla.conversation.Inbox;
import app.wasla.conversation.Mailbox;
import app.wasla.conversation.NewInboxEntry;
import app.wasla.persona.PersonaVariables;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A supervisor takes a conversation from the bot and gives it back, through the real
 * processes/sales-conversation.bpmn: the turn without a customer message at "Customer wrote again",
 * the gateway's "taken over" flow into the handoff subprocess, the task listener's assignee, and
 * the completion as "back to the bot" that returns the flow to "Customer wrote again". Jobs are
 * stepped by the test.
 */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:takeover-process;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "wasla.mailbox.enabled=false",
      "wasla.handoff.staff-opens=00:00",
      "wasla.handoff.staff-closes=00:00"
    })
class TakeOverProcessTest {

  private static final String BOT_WAITS = "catchEvent_customerMessage";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired JdbcClient jdbc;
  @Autowired Inbox inbox;
  @Autowired HandoffTakeovers takeovers;
  @Autowired app.wasla.conversation.ConversationTakeovers conversationTakeovers;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    jdbc.sql("DELETE FROM agent_presence").update();
  }

  @AfterEach
  void cleanUp() {
    runtime
        .createProcessInstanceQuery()
        .list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  /** A conversation the bot answered, resting at "Customer wrote again". */
  private ProcessInstance withTheBot(String words) {
    ProcessInstance instance = started(words);
    assertThat(instance).isWaitingAt(BOT_WAITS);
    return instance;
  }

  /** The conversation's flow started on the customer's first words, its jobs not run. */
  private ProcessInstance started(String words) {
    String key =
        "100000000000001:2013" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    Instant now = Instant.now();
    inbox.accept(
        new NewInboxEntry(
            "wamid.t." + key,
            ConversationKey.parse(key),
            Mailbox.CUSTOMER_MESSAGE,
            "text",
            words,
            null,
            null,
            null,
            null,
            "Karim",
            null,
            null,
            now,
            now,
            true));
    jdbc.sql(
            "UPDATE conversation SET last_inbound_at = CURRENT_TIMESTAMP WHERE conversation_key = ?")
        .param(key)
        .update();
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.CONVERSATION_KEY, key);
    variables.put(ConversationVariables.CUSTOMER_NAME, "Karim");
    variables.put(ConversationVariables.WA_ID, ConversationKey.parse(key).waId());
    variables.put(ConversationVariables.TURN_TEXT, words);
    variables.put(ConversationVariables.REPLY_ID, null);
    variables.put(ConversationVariables.TURN_SEQ, 1L);
    return runtime.startProcessInstanceByKey("sales-conversation", key, variables);
  }

  /** The called flow of the conversation (order-and-pay), if one runs. */
  private ProcessInstance called(ProcessInstance main) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(main.getId()).singleResult();
  }

  private Task taskOf(ProcessInstance instance) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  private long sent(ProcessInstance instance) {
    return jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ?")
        .param(instance.getBusinessKey())
        .query(Long.class)
        .single();
  }

  private List<String> audit(ProcessInstance instance) {
    return jdbc.sql(
            "SELECT event_type || ' ' || detail FROM handoff_event WHERE conversation_key = ? AND"
                + " event_type IN ('taken_over', 'given_back') ORDER BY id")
        .param(instance.getBusinessKey())
        .query(String.class)
        .list();
  }

  @Test
  void aSupervisorTakesTheConversationFromTheBotAndGivesItBack() {
    ProcessInstance instance = withTheBot("hello, what are your opening hours?");
    String intentBefore = (String) runtime.getVariable(instance.getId(), PersonaVariables.INTENT);
    long sentBefore = sent(instance);

    HandoffTakeovers.Result taken =
        takeovers.takeOver(instance.getBusinessKey(), "demo", null, null);

    assertThat(taken.done()).as(taken.reason()).isTrue();
    assertThat(sent(instance))
        .as("a person who takes a conversation writes herself: nothing is announced")
        .isEqualTo(sentBefore);
    assertThat(instance).isWaitingAt(HandoffRouter.HANDOFF_TASK);
    Task task = taskOf(instance);
    assertThat(task.getId()).isEqualTo(taken.taskId());
    assertThat(task.getAssignee()).isEqualTo("demo");
    assertThat(task.getName()).isEqualTo("Karim — taken over by demo");
    assertThat(runtime.getVariable(instance.getId(), PersonaVariables.HANDOFF_REASON))
        .isEqualTo("taken over by demo");
    // the persona did not read a turn: there was none
    assertThat(runtime.getVariable(instance.getId(), PersonaVariables.INTENT))
        .isEqualTo(intentBefore);
    // no customer's words handed it over: nothing for the agents to correct
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM handoff_turn WHERE task_id = ?")
                .param(task.getId())
                .query(Long.class)
                .single())
        .isZero();
    // the takeover variables lived for that turn only
    assertThat(runtime.getVariables(instance.getId()))
        .doesNotContainKeys(HandoffTakeovers.TAKE_OVER_BY, HandoffTakeovers.TAKE_OVER_ASSIGNEE);

    // the customer writes meanwhile: the person's handoff takes it, the bot does not answer it
    runtime
        .createMessageCorrelation(Mailbox.CUSTOMER_MESSAGE)
        .processInstanceId(instance.getId())
        .setVariable(ConversationVariables.TURN_TEXT, "are you still there? I want a blue one")
        .correlate();
    assertThat(instance).isWaitingAt(HandoffRouter.HANDOFF_TASK);
    assertThat(taskOf(instance).getId()).isEqualTo(task.getId());
    assertThat(runtime.getVariable(instance.getId(), PersonaVariables.INTENT))
        .isEqualTo(intentBefore);

    long before = sent(instance);
    HandoffTakeovers.Result back = takeovers.giveBack(instance.getBusinessKey(), "demo");
    assertThat(back.done()).as(back.reason()).isTrue();
    execute(job(instance));
    assertThat(instance).isWaitingAt(BOT_WAITS);
    assertThat(sent(instance))
        .as("the suggested reply is not sent on giving back")
        .isEqualTo(before);
    assertThat(audit(instance))
        .containsExactly("taken_over by=demo, to=demo", "given_back by=demo");
  }

  @Test
  void forATeamTheRoutingTableIsOverruledAndTheTeamsAgentOwnsIt() {
    ProcessInstance instance = withTheBot("hello");
    long sentBefore = sent(instance);
    HandoffTakeovers.Result taken =
        takeovers.takeOver(instance.getBusinessKey(), "demo", null, "support");
    assertThat(taken.done()).as(taken.reason()).isTrue();
    assertThat(sent(instance)).as("nothing is announced to the customer").isEqualTo(sentBefore);
    Task task = taskOf(instance);
    assertThat(tasks.getIdentityLinksForTask(task.getId()))
        .extracting(IdentityLink::getGroupId)
        .contains("support");
    assertThat(task.getAssignee()).isEqualTo("mona");

    // another agent may not give it back; the owner may
    assertThat(takeovers.giveBack(instance.getBusinessKey(), "sara").status()).isEqualTo(403);
    assertThat(takeovers.giveBack(instance.getBusinessKey(), "mona").done()).isTrue();
    execute(job(instance));
    assertThat(instance).isWaitingAt(BOT_WAITS);
  }

  @Test
  void onlyAnAgentsTeamCanBeGivenAConversation() {
    ProcessInstance instance = withTheBot("hello");
    for (String notATeam : List.of("camunda-admin", "supervisors", "ghost-group")) {
      HandoffTakeovers.Result refused =
          takeovers.takeOver(instance.getBusinessKey(), "demo", null, notATeam);
      assertThat(refused.status()).as(notATeam).isEqualTo(400);
      assertThat(refused.reason()).contains("no team " + notATeam);
    }
    // nothing changed: the bot still has it, and a team can be given it
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(takeovers.takeOver(instance.getBusinessKey(), "demo", null, "sales").done())
        .isTrue();
  }

  @Test
  void oneAgentPerCustomer() {
    ProcessInstance instance = withTheBot("hello");
    assertThat(takeovers.takeOver(instance.getBusinessKey(), "sara", null, null).status())
        .as("agents do not take conversations from the bot")
        .isEqualTo(403);
    assertThat(takeovers.takeOver(instance.getBusinessKey(), "demo", "omar", null).done()).isTrue();
    assertThat(taskOf(instance).getAssignee()).isEqualTo("omar");

    HandoffTakeovers.Result again =
        takeovers.takeOver(instance.getBusinessKey(), "demo", null, null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.reason()).contains("Omar Khaled");
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
    assertThat(takeovers.takeOver("100000000000001:201999", "demo", null, null).status())
        .isEqualTo(404);
  }

  @Test
  void aConversationWaitingOnAProductCardIsTakenOverBeforeAnyStepOfTheOffer() {
    ProcessInstance main = started("how much is the galaxy s24?");
    assertThat(main).isWaitingAt("callActivity_orderAndPay");
    ProcessInstance offer = called(main);
    assertThat(offer).isWaitingAt("gateway_awaitDecision");
    long sentBefore = sent(main);

    HandoffTakeovers.Result taken = takeovers.takeOver(main.getBusinessKey(), "demo", null, null);

    assertThat(taken.done()).as(taken.reason()).isTrue();
    // "Taken over?" ends the offer before its steps, which wait for a job with the business's
    // backend (TurnBoundaries): the handoff is there in the takeover's own transaction
    assertThat(offer)
        .isEnded()
        .hasPassed("endEvent_handoffRequested")
        .hasNotPassed("serviceTask_offerTurn");
    assertThat(main).isWaitingAt(HandoffRouter.HANDOFF_TASK);
    Task task = taskOf(main);
    assertThat(task.getId()).isEqualTo(taken.taskId());
    assertThat(task.getAssignee()).isEqualTo("demo");
    assertThat(task.getName()).isEqualTo("Karim — taken over by demo");
    assertThat(sent(main)).as("nothing is sent to the customer").isEqualTo(sentBefore);
    assertThat(audit(main)).containsExactly("taken_over by=demo, to=demo");
  }

  @Test
  void aCheckoutQuestionIsTakenOverTheSameWay() {
    ProcessInstance main = started("how much is the galaxy s24?");
    ProcessInstance offer = called(main);
    assertThat(offer).isWaitingAt("gateway_awaitDecision");
    assertThat(conversationTakeovers.refusal(main.getBusinessKey())).isEmpty();
    // the customer orders: checkout asks the quantity (a person may still step in there)
    runtime
        .createMessageCorrelation(Mailbox.CUSTOMER_MESSAGE)
        .processInstanceId(offer.getId())
        .setVariable(ConversationVariables.TURN_TEXT, "Order now")
        .setVariable(ConversationVariables.REPLY_ID, "sales_order")
        .correlate();
    assertThat(offer).isWaitingAt("gateway_awaitCheckout");
    assertThat(conversationTakeovers.refusal(main.getBusinessKey())).isEmpty();

    HandoffTakeovers.Result taken = takeovers.takeOver(main.getBusinessKey(), "demo", "omar", null);
    assertThat(taken.done()).as(taken.reason()).isTrue();
    assertThat(offer)
        .isEnded()
        .hasPassed("endEvent_handoffRequested")
        .hasNotPassed("serviceTask_checkoutAnswer");
    assertThat(taskOf(main).getAssignee()).isEqualTo("omar");
    assertThat(runtime.getVariable(main.getId(), PersonaVariables.HANDOFF_REASON))
        .isEqualTo("taken over by demo");
  }
}
