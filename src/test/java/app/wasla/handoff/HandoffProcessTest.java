package app.wasla.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.ConversationVariables;
import app.wasla.conversation.Inbox;
import app.wasla.conversation.Mailbox;
import app.wasla.conversation.NewInboxEntry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.runtime.Job;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The handoff paths of processes/sales-conversation.bpmn with the real persona, routing DMN,
 * listeners and the sandbox transport; jobs and timers are stepped by the test. Agents: sara, omar
 * (sales), mona (support).
 */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:handoff-process;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "wasla.mailbox.enabled=false",
      "wasla.handoff.max-open-per-agent=2",
      // the agents' hours around the clock: these paths run at any time of day on the real clock
      // (outside the hours: HandoffHoursProcessTest)
      "wasla.handoff.staff-opens=00:00",
      "wasla.handoff.staff-closes=00:00"
    })
class HandoffProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired Inbox inbox;
  @Autowired AgentPresence presence;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    jdbc.sql("DELETE FROM agent_presence").update();
  }

  @AfterEach
  void cleanUp() {
    identity.clearAuthentication();
    runtime
        .createProcessInstanceQuery()
        .list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  /**
   * A conversation whose customer asked for a person in the given words: waits at the handoff task.
   */
  private ProcessInstance handedOff(String words) {
    ProcessInstance instance = startedBy(words);
    assertThat(instance).isWaitingAt(HandoffRouter.HANDOFF_TASK);
    return instance;
  }

  /**
   * A conversation started with the customer's words, as the mailbox starts one (in the caller's
   * transaction).
   */
  private ProcessInstance startedBy(String words) {
    String key =
        "100000000000001:2012" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    inbox.accept(
        new NewInboxEntry(
            "wamid.h." + key,
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
            Instant.now(),
            Instant.now(),
            false));
    jdbc.sql(
            "UPDATE conversation SET last_inbound_at = CURRENT_TIMESTAMP WHERE conversation_key = ?")
        .param(key)
        .update();
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.CONVERSATION_KEY, key);
    variables.put(ConversationVariables.CUSTOMER_NAME, "Karim");
    variables.put(ConversationVariables.WA_ID, ConversationKey.parse(key).waId());
    variables.put(ConversationVariables.TURN_TEXT, words);
    // the first turn runs in the starting transaction (embedded persona, Smart Info from Wasla's
    // tables)
    return runtime.startProcessInstanceByKey("sales-conversation", key, variables);
  }

  private Task taskOf(ProcessInstance instance) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  private List<String> sent(ProcessInstance instance) {
    return jdbc.sql("SELECT text FROM outbound_message WHERE conversation_key = ? ORDER BY id")
        .param(instance.getBusinessKey())
        .query(String.class)
        .list();
  }

  /** Acts as the user with their groups, as Tasklist and the REST API do after login. */
  private void loginAs(String user) {
    identity.setAuthentication(
        user,
        identity.createGroupQuery().groupMember(user).list().stream()
            .map(org.camunda.bpm.engine.identity.Group::getId)
            .toList());
  }

  private void completeAs(String user, Task task, String reply, String decision) {
    loginAs(user);
    try {
      tasks.complete(task.getId(), Map.of("agentReply", reply, "agentDecision", decision));
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void aCustomerWhoAsksForAPersonGetsATaskRoutedToTheSalesTeamAndNamedForTheAgent() {
    ProcessInstance instance = handedOff("I want to talk to a human please");

    Task task = taskOf(instance);
    assertThat(task.getName()).isEqualTo("Karim — customer asked for a human");
    assertThat(tasks.getIdentityLinksForTask(task.getId()))
        .extracting(IdentityLink::getGroupId)
        .contains("sales");
    assertThat(task.getAssignee()).isIn("sara", "omar");
    assertThat(task.getDueDate()).isAfter(new java.util.Date());
    assertThat((String) tasks.getVariableLocal(task.getId(), "handoffTranscript"))
        .contains("I want to talk to a human please");
    assertThat((String) tasks.getVariableLocal(task.getId(), "handoffContext"))
        .contains("Karim")
        .contains("Intent");
    assertThat((String) runtime.getVariable(instance.getId(), "agentReply"))
        .startsWith("Hi Karim, this is ");
  }

  @Test
  void anAngryComplaintGoesToSupportWithAHigherPriority() {
    ProcessInstance instance = handedOff("انا زعلان جدا الطلب اتأخر اسبوع ومحدش بيرد");

    Task task = taskOf(instance);
    assertThat(tasks.getIdentityLinksForTask(task.getId()))
        .extracting(IdentityLink::getGroupId)
        .contains("support");
    assertThat(task.getAssignee()).isEqualTo("mona");
    assertThat(task.getPriority()).isGreaterThan(50);
    assertThat((String) runtime.getVariable(instance.getId(), "agentReply"))
        // the agent named in Arabic letters in an Arabic reply; the customer's Latin name left
        // out of it
        .startsWith("أهلاً، معاك منى");
  }

  @Test
  void handoffsGoToTheLeastLoadedAgentAndWaitInTheQueueWhenEveryoneIsFull() {
    ProcessInstance first = handedOff("talk to a human");
    ProcessInstance second = handedOff("talk to a human");
    assertThat(List.of(taskOf(first).getAssignee(), taskOf(second).getAssignee()))
        .containsExactlyInAnyOrder("sara", "omar");

    handedOff("talk to a human");
    handedOff("talk to a human");
    ProcessInstance fifth = handedOff("talk to a human");
    assertThat(tasks.createTaskQuery().taskAssignee("sara").count()).isEqualTo(2);
    assertThat(tasks.createTaskQuery().taskAssignee("omar").count()).isEqualTo(2);
    assertThat(taskOf(fifth).getAssignee()).as("cap of 2 reached: queued").isNull();

    // sara answers one and gives it back to the bot: the queued handoff becomes hers
    Task saras = tasks.createTaskQuery().taskAssignee("sara").list().get(0);
    completeAs("sara", saras, "Hello, Sara here", "send_return");
    assertThat(taskOf(fifth).getAssignee()).isEqualTo("sara");
  }

  /**
   * As when the mailbox delivers several conversations in one transaction and one engine command
   * (wasla.mailbox.conversations-per-transaction): the engine writes the new tasks only at the end,
   * yet each handoff counts the ones assigned before it, and nobody goes past the cap of 2.
   */
  @Test
  void handoffsInOneTransactionCountEachOtherTowardsTheAgentsCap(
      @Autowired PlatformTransactionManager transactions) {
    CommandExecutor oneCommand =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
            .getCommandExecutorTxRequired();
    List<ProcessInstance> five =
        new TransactionTemplate(transactions)
            .execute(
                tx ->
                    oneCommand.execute(
                        context ->
                            java.util.stream.IntStream.range(0, 5)
                                .mapToObj(i -> startedBy("talk to a human"))
                                .toList()));

    assertThat(tasks.createTaskQuery().taskAssignee("sara").count()).isEqualTo(2);
    assertThat(tasks.createTaskQuery().taskAssignee("omar").count()).isEqualTo(2);
    assertThat(five).filteredOn(instance -> taskOf(instance).getAssignee() == null).hasSize(1);
  }

  @Test
  void anAwayAgentGetsNothingUntilSheIsBack() {
    presence.setAvailable("sara", false);
    presence.setAvailable("omar", false);
    ProcessInstance instance = handedOff("talk to a human");
    assertThat(taskOf(instance).getAssignee()).isNull();
    // nobody has room: the customer hears the place in the queue and a rough wait, not silence
    assertThat(sent(instance))
        .last()
        .asString()
        .isEqualTo(
            "All our colleagues are busy right now and you're number 1 in line; someone will reply within about 5 minutes ⏱️");

    presence.setAvailable("omar", true);
    router.fillQueues();
    assertThat(taskOf(instance).getAssignee()).isEqualTo("omar");
  }

  @Autowired HandoffRouter router;

  @Autowired app.wasla.webhook.Subscriptions subscriptions;

  @Test
  void theOwnerRepliesAndGivesTheConversationBackToTheBot() {
    var subscription =
        subscriptions.create(
            "http://127.0.0.1:9/crm",
            List.of("handoff.created", "handoff.assigned", "handoff.completed"),
            "handoff events",
            true);
    ProcessInstance instance = handedOff("talk to a human");
    Task task = taskOf(instance);

    completeAs(task.getAssignee(), task, "أهلاً كريم، إزاي أقدر أساعدك؟", "send_return");
    execute(job(instance));

    assertThat(instance)
        .hasPassed("serviceTask_sendAgentReply", "endEvent_handoffDone")
        .isWaitingAt("catchEvent_customerMessage");
    assertThat(sent(instance)).last().isEqualTo("أهلاً كريم، إزاي أقدر أساعدك؟");
    assertThat(
            jdbc.sql("SELECT event_type FROM webhook_event WHERE conversation_key = ? ORDER BY seq")
                .param(instance.getBusinessKey())
                .query(String.class)
                .list())
        .containsExactly("handoff.created", "handoff.assigned", "handoff.completed");
    subscriptions.delete(subscription.id());
  }

  @Test
  void everyAgentSeesTheOwnersFullNameAndTheColumnsOnTheTask() {
    ProcessInstance instance = handedOff("talk to a human");
    Task task = taskOf(instance);
    String owner = task.getAssignee();

    // task-local, so that agents (who may read the task, not the process instance) see them in
    // filters
    assertThat(tasks.getVariablesLocal(task.getId()))
        .containsEntry("handoffCustomer", "Karim")
        .containsEntry("handoffWhy", "customer asked for a human")
        .containsEntry("handoffOwnerName", owner.equals("sara") ? "Sara Hassan" : "Omar Khaled")
        .containsKey("handoffIntent");

    loginAs("demo");
    tasks.setAssignee(task.getId(), "demo");
    identity.clearAuthentication();
    assertThat(tasks.getVariableLocal(task.getId(), "handoffOwnerName")).isEqualTo("Demo Admin");
    // given back to the queue with nobody available: no owner, no name
    presence.setAvailable("sara", false);
    presence.setAvailable("omar", false);
    tasks.setAssignee(task.getId(), null);
    assertThat(taskOf(instance).getAssignee()).isNull();
    assertThat(tasks.getVariableLocal(task.getId(), "handoffOwnerName")).isNull();
  }

  @Test
  void completingEndsTheHandoffWithoutAnotherTask() {
    ProcessInstance instance = handedOff("talk to a human");
    Task task = taskOf(instance);

    completeAs(task.getAssignee(), task, "", "send_return");
    execute(job(instance));

    // no "send and keep" loop any more: the agent keeps a conversation by keeping its task open
    assertThat(instance)
        .hasPassed("endEvent_handoffDone")
        .isWaitingAt("catchEvent_customerMessage");
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void theSuggestionLeftAsItIsIsNotSentWhenTheAgentCompletes() {
    ProcessInstance instance = handedOff("talk to a human");
    Task task = taskOf(instance);
    String suggestion = (String) runtime.getVariable(instance.getId(), "agentReply");
    int before = sent(instance).size();

    // Tasklist submits the box as it stands: the untouched suggestion (a reloaded form, a second
    // tab, a click on Complete without writing); white space around it changes nothing
    completeAs(task.getAssignee(), task, " " + suggestion.strip() + " ", "send_return");
    execute(job(instance));

    assertThat(instance)
        .hasPassed("serviceTask_sendAgentReply", "endEvent_handoffDone")
        .isWaitingAt("catchEvent_customerMessage");
    assertThat(sent(instance)).hasSize(before).doesNotContain(suggestion.strip());
  }

  @Test
  void theSuggestionCompletedByTheAgentIsSent() {
    ProcessInstance instance = handedOff("talk to a human");
    Task task = taskOf(instance);
    String written =
        runtime.getVariable(instance.getId(), "agentReply") + "the AirPods Pro 2 are in stock.";

    completeAs(task.getAssignee(), task, written, "send_return");
    execute(job(instance));

    assertThat(sent(instance)).last().isEqualTo(written);
  }

  @Test
  void anArabiziCustomersSuggestionIsInArabizi() {
    ProcessInstance instance = handedOff("3ayez akalem 7ad mn el sales law sama7t");

    assertThat((String) runtime.getVariable(instance.getId(), "agentReply"))
        .startsWith("Ahlan Karim, ma3ak ");
  }

  @Test
  void closingEndsTheConversation() {
    ProcessInstance instance = handedOff("talk to a human");
    Task task = taskOf(instance);

    completeAs(task.getAssignee(), task, "Thanks, goodbye!", "close");
    execute(job(instance));

    assertThat(instance).hasPassed("endEvent_closedByAgent").isEnded();
    assertThat(sent(instance)).last().isEqualTo("Thanks, goodbye!");
  }

  @Test
  void anotherAgentCannotAnswerReassignOrCloseTheOwnersHandoff() {
    ProcessInstance instance = handedOff("talk to a human");
    Task task = taskOf(instance);
    String owner = task.getAssignee();
    String other = owner.equals("sara") ? "omar" : "sara";

    String belongsTo =
        "belongs to " + (owner.equals("sara") ? "Sara Hassan" : "Omar Khaled") + " (" + owner + ")";

    // the listener is the last guard (over HTTP, TakeoverGuardFilter answers 403 first:
    // HandoffAuthorizationTest)
    assertThatThrownBy(() -> completeAs(other, task, "I'll take it", "send_return"))
        .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class)
        .hasMessageContaining(belongsTo);
    loginAs(other);
    assertThatThrownBy(() -> tasks.setAssignee(task.getId(), other))
        .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class)
        .hasMessageContaining(belongsTo);
    assertThatThrownBy(() -> tasks.claim(task.getId(), other))
        .isInstanceOf(org.camunda.bpm.engine.TaskAlreadyClaimedException.class);
    identity.clearAuthentication();

    assertThat(taskOf(instance).getAssignee()).isEqualTo(owner);
    assertThat(sent(instance)).noneMatch(t -> t.equals("I'll take it"));
    // a supervisor may take over
    loginAs("demo");
    tasks.setAssignee(task.getId(), "demo");
    identity.clearAuthentication();
    assertThat(taskOf(instance).getAssignee()).isEqualTo("demo");
  }

  /** The customer writes during the handoff, as the mailbox delivers it. */
  private void customerWritesDuringHandoff(ProcessInstance instance, String wamid, String text) {
    inbox.accept(
        new NewInboxEntry(
            wamid,
            ConversationKey.parse(instance.getBusinessKey()),
            Mailbox.CUSTOMER_MESSAGE,
            "text",
            text,
            null,
            null,
            null,
            null,
            "Karim",
            null,
            null,
            Instant.now(),
            Instant.now(),
            false));
    runtime
        .createMessageCorrelation(Mailbox.CUSTOMER_MESSAGE)
        .processInstanceId(instance.getId())
        .setVariable(ConversationVariables.TURN_TEXT, text)
        .setVariable(ConversationVariables.LAST_WAMID, wamid)
        .correlate();
  }

  private List<String> sentTypes(ProcessInstance instance) {
    return jdbc.sql(
            "SELECT message_type FROM outbound_message WHERE conversation_key = ? ORDER BY id")
        .param(instance.getBusinessKey())
        .query(String.class)
        .list();
  }

  @Test
  void aCustomerHandedOffHearsOnceWhoWillAnswerAndRoughlyWhen() {
    ProcessInstance instance = handedOff("I want to talk to a human please");
    Task task = taskOf(instance);
    String agent = task.getAssignee().equals("sara") ? "Sara" : "Omar";

    // the persona's answer, then who and when: the sales team's first-response deadline (5 minutes)
    List<String> sent = sent(instance);
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1))
        .isEqualTo(agent + " from our team will reply within about 5 minutes ⏱️");
  }

  @Test
  void customerMessagesDuringTheHandoffAreShownToTheAgentAndAcknowledgedWithoutSpam() {
    ProcessInstance instance = handedOff("عايز اكلم حد من خدمة العملاء");
    int before = sent(instance).size();
    String key = instance.getBusinessKey();

    customerWritesDuringHandoff(instance, "wamid.h2." + key, "ايه يا جماعة محدش بيرد؟");
    customerWritesDuringHandoff(instance, "wamid.h3." + key, "are you there??");

    assertThat(instance).isWaitingAt(HandoffRouter.HANDOFF_TASK).hasPassed("endEvent_messageShown");
    assertThat((String) tasks.getVariableLocal(taskOf(instance).getId(), "handoffTranscript"))
        .contains("are you there??");
    // the first gets words (passed on, the time left); the next, a moment later, a reaction: no
    // second paragraph
    List<String> sent = sent(instance);
    assertThat(sent).hasSize(before + 2);
    assertThat(sent.get(before)).startsWith("وصلت رسالتك ✅").contains("خلال حوالي 5 دقايق");
    assertThat(sentTypes(instance).get(before + 1)).isEqualTo("reaction");
    assertThat(
            jdbc.sql(
                    "SELECT body_json FROM outbound_message WHERE conversation_key = ? ORDER BY id DESC")
                .param(key)
                .query(String.class)
                .list()
                .get(0))
        .contains("wamid.h3." + key);

    // once a person has answered, the person talks: the bot acknowledges nothing more
    runtime.setVariable(instance.getId(), "agentResponded", true);
    customerWritesDuringHandoff(instance, "wamid.h4." + key, "ok thanks");
    assertThat(sent(instance)).hasSize(before + 2);
  }

  @Test
  void aLaterMessageGetsWordsAgainOnceTheAcknowledgementIsOld() {
    ProcessInstance instance = handedOff("talk to a human");
    String key = instance.getBusinessKey();
    customerWritesDuringHandoff(instance, "wamid.l2." + key, "hello?");
    runtime.setVariable(
        instance.getId(),
        HandoffWait.ACKNOWLEDGED_AT,
        java.util.Date.from(Instant.now().minus(java.time.Duration.ofMinutes(3))));
    int before = sent(instance).size();

    customerWritesDuringHandoff(instance, "wamid.l3." + key, "still waiting");

    assertThat(sent(instance))
        .hasSize(before + 1)
        .last()
        .asString()
        .startsWith("Got it ✅ I've passed this on to")
        .contains("expect a reply within about");
  }

  @Test
  void aMissedFirstResponseDeadlineHoldsTheCustomerAndEscalatesToSupervisors() {
    ProcessInstance instance = handedOff("عايز اكلم حد من خدمة العملاء");
    Task task = taskOf(instance);
    int before = sent(instance).size();

    Job sla =
        management
            .createJobQuery()
            .processInstanceId(instance.getId())
            .activityId("boundaryEvent_firstResponseSla")
            .singleResult();
    execute(sla);
    execute(job("serviceTask_handleOverdue", instance));

    assertThat(instance)
        .hasPassed("serviceTask_handleOverdue")
        .isWaitingAt(HandoffRouter.HANDOFF_TASK);
    assertThat(sent(instance)).hasSize(before + 1);
    assertThat(sent(instance).get(before)).contains("شكراً لصبرك");
    assertThat(tasks.getIdentityLinksForTask(task.getId()))
        .extracting(IdentityLink::getGroupId)
        .contains("supervisors");
    assertThat(tasks.getVariableLocal(task.getId(), "overdue")).isEqualTo(true);
    assertThat(
            jdbc.sql("SELECT event_type FROM handoff_event WHERE task_id = ? ORDER BY id")
                .param(task.getId())
                .query(String.class)
                .list())
        .containsExactly("handoff_created", "first_response_overdue");
  }
}
