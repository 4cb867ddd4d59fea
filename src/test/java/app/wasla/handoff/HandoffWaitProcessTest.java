package app.wasla.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.ConversationVariables;
import app.wasla.conversation.Inbox;
import app.wasla.conversation.Mailbox;
import app.wasla.conversation.NewInboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a customer hears while a handoff waits, on a clock the test sets in Cairo time: inside the
 * agents' hours (10 am to 10 pm, the playbook's) minutes counted as each language counts them;
 * outside them the hours and the opening time, never minutes. And a customer who takes back the
 * request before anyone answered gets the bot back, with the rest of the message answered.
 */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:handoff-wait;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "wasla.mailbox.enabled=false"
    })
class HandoffWaitProcessTest {

  static final ZoneId CAIRO = ZoneId.of("Africa/Cairo");

  /** A clock the test moves; every bean that reads the time reads this one. */
  static final class SetClock extends Clock {
    volatile Instant now = Instant.now();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    SetClock setClock() {
      return new SetClock();
    }
  }

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired Inbox inbox;
  @Autowired SetClock clock;
  @Autowired AgentPresence presence;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    jdbc.sql("DELETE FROM agent_presence").update();
  }

  @AfterEach
  void cleanUp() {
    runtime
        .createProcessInstanceQuery()
        .rootProcessInstances()
        .list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  private void cairoTime(int hour, int minute) {
    clock.now =
        ZonedDateTime.now(CAIRO)
            .withHour(hour)
            .withMinute(minute)
            .withSecond(0)
            .withNano(0)
            .toInstant();
  }

  private ProcessInstance handedOff(String words) {
    return handedOff("2013" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999), words);
  }

  private ProcessInstance handedOff(String waId, String words) {
    String key = "100000000000001:" + waId;
    accept(key, "wamid.w." + key, words);
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.CONVERSATION_KEY, key);
    variables.put(ConversationVariables.CUSTOMER_NAME, "Karim");
    variables.put(ConversationVariables.WA_ID, ConversationKey.parse(key).waId());
    variables.put(ConversationVariables.TURN_TEXT, words);
    ProcessInstance instance =
        runtime.startProcessInstanceByKey("sales-conversation", key, variables);
    assertThat(instance).isWaitingAt(HandoffRouter.HANDOFF_TASK);
    return instance;
  }

  private void accept(String key, String wamid, String text) {
    inbox.accept(
        new NewInboxEntry(
            wamid,
            ConversationKey.parse(key),
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
    jdbc.sql(
            "UPDATE conversation SET last_inbound_at = CURRENT_TIMESTAMP WHERE conversation_key = ?")
        .param(key)
        .update();
  }

  private void customerWrites(ProcessInstance instance, String text) {
    String wamid =
        "wamid.w" + ThreadLocalRandom.current().nextInt() + "." + instance.getBusinessKey();
    accept(instance.getBusinessKey(), wamid, text);
    runtime
        .createMessageCorrelation(Mailbox.CUSTOMER_MESSAGE)
        .processInstanceId(instance.getId())
        .setVariable(ConversationVariables.TURN_TEXT, text)
        .setVariable(ConversationVariables.LAST_WAMID, wamid)
        .correlate();
  }

  private List<String> sent(ProcessInstance instance) {
    return jdbc.sql(
            "SELECT COALESCE(text, body_json) FROM outbound_message WHERE conversation_key = ?"
                + " ORDER BY id")
        .param(instance.getBusinessKey())
        .query(String.class)
        .list();
  }

  private Task taskOf(ProcessInstance instance) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  private String agentOf(ProcessInstance instance) {
    return taskOf(instance).getAssignee().equals("sara") ? "Sara" : "Omar";
  }

  // ---- the agents' hours

  @Test
  void atNightTheHandoffPromisesTheOpeningNotMinutesInEveryForm() {
    cairoTime(1, 0);
    ProcessInstance en = handedOff("I want to talk to a human please");
    assertThat(sent(en))
        .last()
        .isEqualTo(
            "Our team replies from 10 am to 10 pm; "
                + agentOf(en)
                + " from our team will reply as soon as we open, from 10 am ⏰");

    ProcessInstance egyptian = handedOff("عايز اكلم حد من خدمة العملاء");
    assertThat(sent(egyptian).get(sent(egyptian).size() - 1))
        .contains("زمايلنا بيردوا من 10 الصبح لـ 10 بالليل")
        .contains("أول ما نفتح، من 10 الصبح")
        .doesNotContain("هيرد")
        .doesNotContain("دقيق")
        .doesNotContain("دقايق");

    ProcessInstance msa = handedOff("أريد التحدث مع أحد الموظفين من فضلك");
    assertThat(sent(msa).get(sent(msa).size() - 1))
        .contains("يرد زملاؤنا من الساعة 10 صباحاً حتى الساعة 10 مساءً")
        .contains("فور بدء العمل")
        .doesNotContain("سيرد عليك") // the wording does not assume the colleague's gender
        .doesNotContain("دقيق")
        .doesNotContain("دقائق");

    ProcessInstance arabizi = handedOff("3ayez akalem 7ad mn customer service");
    assertThat(sent(arabizi).get(sent(arabizi).size() - 1))
        .contains("Zamaylna byrodo mn 10 el sob7 l 10 bel leil")
        .contains("awel ma nefta7")
        .doesNotContain("d2ee2a")
        .doesNotContain("da2aye2");
  }

  @Test
  void atNightTheDeadlineCountsFromTheOpeningAndAcknowledgementsNameIt() {
    cairoTime(1, 0);
    ProcessInstance instance = handedOff("I want to talk to a human please");
    Instant tenFive = clock.now.atZone(CAIRO).withHour(10).withMinute(5).toInstant();
    assertThat(taskOf(instance).getDueDate()).isEqualTo(Date.from(tenFive));
    Job sla =
        management
            .createJobQuery()
            .processInstanceId(instance.getId())
            .activityId("boundaryEvent_firstResponseSla")
            .singleResult();
    // the engine's timer runs on its own clock: nine hours and five minutes from the handoff
    assertThat(sla.getDuedate()).isAfter(Date.from(Instant.now().plus(Duration.ofHours(9))));

    customerWrites(instance, "hello? anyone?");
    assertThat(sent(instance))
        .last()
        .isEqualTo(
            "Got it ✅ I've passed this on to "
                + agentOf(instance)
                + "; expect a reply as soon as we open, from 10 am.");
  }

  @Test
  void aPersonAskedForAgainGetsWordsNotOnlyAReactionAtNightWithTheOpening() {
    cairoTime(1, 0);
    ProcessInstance instance = handedOff("I want to talk to a human please");
    customerWrites(instance, "ok");
    int before = sent(instance).size();
    customerWrites(instance, "I said I want to talk to a human");
    assertThat(sent(instance)).hasSize(before + 1);
    assertThat(sent(instance))
        .last()
        .isEqualTo(
            "A colleague already has your conversation 🙏 "
                + agentOf(instance)
                + " will reply as soon as we open, from 10 am.");
    // anything else in between still gets only a reaction
    customerWrites(instance, "ok");
    assertThat(sent(instance)).last().asString().doesNotContain("colleague");
  }

  @Test
  void aPersonAskedForAgainInTheHoursHearsTheMinutesLeftInTheirForm() {
    cairoTime(12, 0);
    ProcessInstance instance = handedOff("عايز اكلم حد من خدمة العملاء");
    customerWrites(instance, "طيب");
    customerWrites(instance, "يا جماعة عايز اكلم حد بني آدم");
    assertThat(sent(instance))
        .last()
        .asString()
        .startsWith("محادثتك دلوقتي مع زميل من فريقنا 🙏")
        .contains("خلال حوالي")
        .doesNotContain("أول ما نفتح");
  }

  @Test
  void aDeadlineThatPassesAfterClosingHoldsTheCustomerWithTheOpeningTime() {
    cairoTime(21, 58);
    ProcessInstance instance = handedOff("عايز اكلم حد من خدمة العملاء");
    assertThat(sent(instance)).last().asString().contains("خلال حوالي 5 دقايق");

    cairoTime(22, 3);
    execute(
        management
            .createJobQuery()
            .processInstanceId(instance.getId())
            .activityId("boundaryEvent_firstResponseSla")
            .singleResult());
    execute(job("serviceTask_handleOverdue", instance));

    assertThat(sent(instance))
        .last()
        .asString()
        .startsWith("شكراً لصبرك 🙏 زمايلنا بيردوا من 10 الصبح لـ 10 بالليل")
        .doesNotContain("دقايق");
  }

  /** The "Still waiting" timer ticks now (its current job), if it still runs. */
  private void tick(ProcessInstance instance) {
    Job timer =
        management
            .createJobQuery()
            .processInstanceId(instance.getId())
            .activityId("boundaryEvent_stillWaiting")
            .singleResult();
    if (timer != null) {
      execute(timer);
    }
  }

  private void deadlinePasses(ProcessInstance instance) {
    execute(
        management
            .createJobQuery()
            .processInstanceId(instance.getId())
            .activityId("boundaryEvent_firstResponseSla")
            .singleResult());
    execute(job("serviceTask_handleOverdue", instance));
  }

  @Test
  void afterTheHoldingMessageRemindersRepeatUpToTheMaximum() {
    cairoTime(12, 0);
    ProcessInstance instance = handedOff("I want to talk to a human please");
    int before = sent(instance).size();
    // a tick before the deadline: nothing (the customer was told the wait a moment ago)
    tick(instance);
    assertThat(sent(instance)).hasSize(before);

    deadlinePasses(instance);
    assertThat(sent(instance)).hasSize(before + 1).last().asString().contains("patience");
    // a tick right after the holding message: nothing yet
    tick(instance);
    assertThat(sent(instance)).hasSize(before + 1);

    // then every 10 minutes (wasla.handoff.reminder-every), three times (reminders-max), no more
    for (int i = 1; i <= 4; i++) {
      clock.now = clock.now.plus(Duration.ofMinutes(10));
      tick(instance);
      assertThat(sent(instance)).hasSize(before + 1 + Math.min(i, 3));
    }
    assertThat(sent(instance).subList(before + 1, before + 4))
        .containsOnly(
            "We haven't forgotten you 🙏 Your request is with our team; a colleague will reply as"
                + " soon as possible.");
  }

  @Test
  void remindersStopOnceAPersonAnsweredAndAreInTheCustomersLanguage() {
    cairoTime(12, 0);
    ProcessInstance instance = handedOff("عايز اكلم حد من خدمة العملاء");
    deadlinePasses(instance);
    int held = sent(instance).size();
    clock.now = clock.now.plus(Duration.ofMinutes(10));
    tick(instance);
    assertThat(sent(instance))
        .hasSize(held + 1)
        .last()
        .isEqualTo("مش ناسيينك 🙏 طلبك عند فريقنا، والرد هيوصلك من زميل في أقرب وقت.");

    // the agent answers (what the handoff's send endpoint records): no more reminders
    runtime.setVariable(instance.getId(), "agentResponded", true);
    clock.now = clock.now.plus(Duration.ofMinutes(10));
    tick(instance);
    assertThat(sent(instance)).hasSize(held + 1);

    // the handoff ends: its timer goes with the task
    taskService().complete(taskOf(instance).getId());
    assertThat(
            management
                .createJobQuery()
                .processInstanceId(instance.getId())
                .activityId("boundaryEvent_stillWaiting")
                .count())
        .isZero();
  }

  @Test
  void atNightNoReminder() {
    cairoTime(21, 50);
    ProcessInstance instance = handedOff("I want to talk to a human please");
    deadlinePasses(instance);
    int held = sent(instance).size();
    cairoTime(22, 30);
    tick(instance);
    assertThat(sent(instance)).as("the agents stopped work at 10 pm").hasSize(held);
  }

  @Test
  void duringTheHoursMinutesAreCountedAsEachFormCountsThem() {
    cairoTime(12, 0);
    assertThat(sent(handedOff("عايز اكلم حد من خدمة العملاء")))
        .last()
        .asString()
        .contains("خلال حوالي 5 دقايق ⏱️");
    assertThat(sent(handedOff("أريد التحدث مع أحد الموظفين من فضلك")))
        .last()
        .asString()
        .contains("خلال 5 دقائق تقريباً ⏱️");
    assertThat(sent(handedOff("3ayez akalem 7ad mn customer service")))
        .last()
        .asString()
        .contains("khelal 7awaly 5 da2aye2 ⏱️");
    assertThat(sent(handedOff("I want to talk to a human please")))
        .last()
        .asString()
        .contains("within about 5 minutes ⏱️");
  }

  @Test
  void anArabicReplyNamesTheAgentInArabicAndAnEnglishOneInLatinLetters() {
    cairoTime(12, 0);
    ProcessInstance egyptian = handedOff("عايز اكلم حد من خدمة العملاء");
    String arabicName = taskOf(egyptian).getAssignee().equals("sara") ? "سارة" : "عمر";
    assertThat(sent(egyptian))
        .last()
        .isEqualTo("الرد هيوصلك من " + arabicName + " من فريقنا خلال حوالي 5 دقايق ⏱️");

    ProcessInstance msa = handedOff("أريد التحدث مع أحد الموظفين من فضلك");
    customerWrites(msa, "هل من جديد؟");
    assertThat(sent(msa).get(sent(msa).size() - 2))
        .contains("سيصلك الرد من ")
        .contains("من فريقنا");
    assertThat(String.join("\n", sent(msa)))
        .doesNotContainIgnoringCase("sara")
        .doesNotContainIgnoringCase("omar");
    assertThat(sent(msa))
        .last()
        .asString()
        .startsWith("وصلت رسالتك ✅ وأبلغتُ بها " + (agentOf(msa).equals("Sara") ? "سارة" : "عمر"));

    ProcessInstance en = handedOff("I want to talk to a human please");
    assertThat(sent(en)).last().asString().startsWith(agentOf(en) + " from our team");
  }

  // ---- the bot answers while nobody holds the handoff

  @Test
  void atNightTheBotAnswersWhatItCanAndTheHandoffStillWaits() {
    cairoTime(1, 0);
    ProcessInstance instance = handedOff("عايز اكلم حد من خدمة العملاء");
    String taskId = taskOf(instance).getId();

    customerWrites(instance, "طب الضمان كام سنه");
    assertThat(sent(instance))
        .last()
        .asString()
        .contains("سنة")
        .contains("طلبك لسه قائم")
        .contains("أول ما نفتح، من 10 الصبح")
        .doesNotStartWith("وصلت رسالتك");

    customerWrites(instance, "بكام ايربودز برو؟");
    assertThat(sent(instance)).last().asString().contains("11,499").contains("طلبك لسه قائم");

    // what it would hand to a person anyway joins the waiting handoff
    customerWrites(instance, "انا عايز اشتكي الطلب اتأخر اسبوع");
    assertThat(sent(instance)).last().asString().startsWith("وصلت رسالتك");
    assertThat(taskOf(instance).getId()).isEqualTo(taskId);
    assertThat(instance).isWaitingAt(HandoffRouter.HANDOFF_TASK);
  }

  @Test
  void inTheHoursAQueuedHandoffGetsAnswersAndAnAssignedOneOnlyTheAcknowledgement() {
    cairoTime(12, 0);
    ProcessInstance assigned = handedOff("I want to talk to a human please");
    customerWrites(assigned, "what are your opening hours?");
    assertThat(sent(assigned)).last().asString().startsWith("Got it ✅");

    List.of("sara", "omar", "mona", "demo").forEach(u -> presence.setAvailable(u, false));
    ProcessInstance queued = handedOff("I want to talk to a human please");
    assertThat(taskOf(queued).getAssignee()).isNull();
    customerWrites(queued, "what are your opening hours?");
    assertThat(sent(queued))
        .last()
        .asString()
        .contains("10")
        .contains("Your request still stands: our team will reply soon.");
  }

  @Test
  void aConversationAPersonTookOverOrAnsweredIsNeverAnsweredByTheBot() {
    cairoTime(1, 0);
    ProcessInstance takenOver = handedOff("I want to talk to a human please");
    runtime.setVariable(takenOver.getId(), HandoffWait.TAKEN_OVER, true);
    customerWrites(takenOver, "what are your opening hours?");
    assertThat(sent(takenOver)).last().asString().startsWith("Got it ✅");

    ProcessInstance answered = handedOff("I want to talk to a human please");
    int before = sent(answered).size();
    runtime.setVariable(answered.getId(), SendAgentReplyDelegate.RESPONDED, true);
    customerWrites(answered, "what are your opening hours?");
    assertThat(sent(answered)).hasSize(before);
  }

  // ---- taking the request back
  // ---- taking the request back

  private List<String> withdrawals(ProcessInstance instance) {
    return jdbc.sql(
            "SELECT event_type FROM handoff_event WHERE conversation_key = ? AND event_type ="
                + " 'withdrawn_by_customer'")
        .param(instance.getBusinessKey())
        .query(String.class)
        .list();
  }

  @Test
  void aCustomerWhoSaysNeverMindGetsTheBotBackAndTheTaskIsGone() {
    cairoTime(1, 0);
    ProcessInstance instance = handedOff("I want to talk to a human please");
    String taskId = taskOf(instance).getId();

    customerWrites(instance, "never mind");

    assertThat(tasks.createTaskQuery().taskId(taskId).count()).isZero();
    assertThat(instance)
        .hasPassed("serviceTask_withdrawHandoff")
        .isWaitingAt("catchEvent_customerMessage");
    assertThat(sent(instance))
        .last()
        .isEqualTo(
            "OK, I've withdrawn your request for a colleague 👍 I'm with you again. How can I help?");
    assertThat(withdrawals(instance)).hasSize(1);
  }

  @Test
  void theRestOfAWithdrawingMessageIsAnsweredByTheBot() {
    cairoTime(1, 0);
    ProcessInstance instance = handedOff("عايز اكلم بني ادم لو سمحت");
    int before = sent(instance).size();

    customerWrites(instance, "خلاص مش مهم، عايز احجز صيانة بطارية سامسونج في اسكندرية");
    // the booking flow's first step runs in a job (it reads the store's calendar)
    for (int i = 0; i < 10; i++) {
      List<Job> due = management.createJobQuery().executable().messages().list();
      if (due.isEmpty()) {
        break;
      }
      due.forEach(j -> management.executeJob(j.getId()));
    }

    assertThat(taskOf(instance)).isNull();
    List<String> sent = sent(instance);
    assertThat(sent.get(before)).isEqualTo("تمام، لغيت طلب التحويل لزميل 👍 أنا معاك تاني.");
    // the booking question is answered in the same turn, not acknowledged for an agent
    assertThat(sent.size()).isGreaterThan(before + 1);
    assertThat(sent.subList(before + 1, sent.size())).noneMatch(t -> t.startsWith("وصلت رسالتك"));
    assertThat(runtime.getVariable(instance.getId(), ConversationVariables.TURN_TEXT))
        .isEqualTo("عايز احجز صيانة بطارية سامسونج في اسكندرية");
  }

  @Test
  void msaAndArabiziWithdrawalsAreUnderstoodToo() {
    ProcessInstance msa = handedOff("أريد التحدث مع أحد الموظفين من فضلك");
    customerWrites(msa, "ألغِ طلب الموظف");
    assertThat(taskOf(msa)).isNull();
    assertThat(sent(msa)).last().asString().startsWith("حسناً، ألغيتُ طلب التحويل");

    ProcessInstance arabizi = handedOff("3ayez akalem 7ad mn customer service");
    customerWrites(arabizi, "mesh 3ayez 7ad khalas");
    assertThat(taskOf(arabizi)).isNull();
    assertThat(sent(arabizi)).last().asString().startsWith("Tamam, lagheit talab el ta7weel");

    ProcessInstance egyptian = handedOff("عايز اكلم حد من خدمة العملاء");
    customerWrites(egyptian, "الغي طلب الموظف");
    assertThat(taskOf(egyptian)).isNull();
  }

  @Test
  void onceAPersonHasAnsweredTheWordsAreForHerAndTheHandoffStays() {
    ProcessInstance instance = handedOff("I want to talk to a human please");
    runtime.setVariable(instance.getId(), SendAgentReplyDelegate.RESPONDED, true);

    customerWrites(instance, "never mind");

    assertThat(taskOf(instance)).isNotNull();
    assertThat(instance).isWaitingAt(HandoffRouter.HANDOFF_TASK);
    assertThat(withdrawals(instance)).isEmpty();
  }

  @Test
  void aQuestionForTheAgentIsNotAWithdrawal() {
    ProcessInstance instance = handedOff("عايز اكلم حد من خدمة العملاء");
    customerWrites(instance, "طب هو القسط هيبقى كام في الشهر؟");
    customerWrites(instance, "cancel my order please");
    assertThat(taskOf(instance)).isNotNull();
    assertThat(withdrawals(instance)).isEmpty();
  }

  // ---- a big deal of one unit

  private void customerTaps(ProcessInstance instance, String replyId, String title) {
    String wamid =
        "wamid.w" + ThreadLocalRandom.current().nextInt() + "." + instance.getBusinessKey();
    accept(instance.getBusinessKey(), wamid, title);
    runtime
        .createMessageCorrelation(Mailbox.CUSTOMER_MESSAGE)
        .processInstanceId(instance.getId())
        .setVariable(ConversationVariables.TURN_TEXT, title)
        .setVariable(ConversationVariables.REPLY_ID, replyId)
        .setVariable(ConversationVariables.LAST_WAMID, wamid)
        .correlate();
  }

  private long handoffTasks(ProcessInstance instance) {
    return tasks.createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey()).count();
  }

  private boolean orderFlowRuns(ProcessInstance instance) {
    return runtime
            .createProcessInstanceQuery()
            .superProcessInstanceId(instance.getId())
            .processDefinitionKey("order-and-pay")
            .count()
        == 1;
  }

  @Test
  void atNightOneIPhoneIsABigDealThatCanBeOrderedNowWithTheBotWithoutASecondHandoff() {
    cairoTime(1, 0);
    ProcessInstance egyptian = handedOff("عايز اطلب ايفون 15");
    assertThat(runtime.getVariable(egyptian.getId(), "handoffReason")).isEqualTo("big deal");
    assertThat(sent(egyptian))
        .last()
        .asString()
        .contains("أقدر أكمل معاك الطلب دلوقتي")
        .contains("بيرد من 10 الصبح")
        .contains("[كمّل معايا الطلب] [استنى الزميل]");

    customerTaps(egyptian, HandoffWithdrawal.CONTINUE_WITH_BOT, "كمّل معايا الطلب");
    assertThat(handoffTasks(egyptian)).as("no second handoff for sales").isZero();
    assertThat(withdrawals(egyptian)).hasSize(1);
    assertThat(orderFlowRuns(egyptian)).as("the order goes on with the bot").isTrue();
    assertThat(String.join("\n", sent(egyptian))).contains("47,999");

    ProcessInstance english = handedOff("I want to order an iPhone 15");
    assertThat(sent(english))
        .last()
        .asString()
        .contains("I can take your order myself right now")
        .contains("who replies from 10 am")
        .contains("[Order with you now] [Wait for colleague]");
    customerTaps(english, HandoffWithdrawal.CONTINUE_WITH_BOT, "Order with you now");
    assertThat(handoffTasks(english)).isZero();
    assertThat(orderFlowRuns(english)).isTrue();
  }

  @Test
  void waitingForSalesKeepsTheBigDealHandoffAndSeveralUnitsAreNotOffered() {
    cairoTime(1, 0);
    ProcessInstance waits = handedOff("I want to order an iPhone 15");
    customerTaps(waits, HandoffWithdrawal.WAIT_FOR_COLLEAGUE, "Wait for colleague");
    assertThat(waits).isWaitingAt(HandoffRouter.HANDOFF_TASK);
    assertThat(withdrawals(waits)).isEmpty();
    assertThat(sent(waits)).last().asString().contains("10 am").doesNotContain("withdrawn");

    ProcessInstance five = handedOff("عايز ٥ ايفون ١٥");
    assertThat(runtime.getVariable(five.getId(), "handoffReason")).isEqualTo("big deal");
    assertThat(String.join("\n", sent(five)))
        .contains("المبيعات")
        .doesNotContain("كمّل معايا الطلب");
  }

  private String last(ProcessInstance instance) {
    List<String> all = sent(instance);
    return all.get(all.size() - 1);
  }

  @Test
  void anOrdersStatusIsToldWhileTheHandoffWaitsInEveryForm() {
    cairoTime(1, 0);
    ProcessInstance instance = handedOff("201001234567", "عايز اكلم حد من خدمة العملاء");
    String taskId = taskOf(instance).getId();

    customerWrites(instance, "فين طلبي ORD-12001؟");
    assertThat(last(instance)).contains("ORD-12001").contains("اتسلّم").contains("طلبك لسه قائم");

    customerWrites(instance, "where is my order ORD-12002");
    assertThat(last(instance))
        .contains("Your order ORD-12002")
        .contains("BOSTA-7790415")
        .contains("Your request still stands");

    customerWrites(instance, "el order ORD-12001 wesel fein?");
    assertThat(last(instance)).contains("El order ORD-12001").contains("etsallem");

    // someone else's order stays unknown
    customerWrites(instance, "where is ORD-12345?");
    assertThat(last(instance)).contains("can't find that order").doesNotContain("ORD-12345 (");

    assertThat(taskOf(instance).getId()).isEqualTo(taskId);
    assertThat(instance).isWaitingAt(HandoffRouter.HANDOFF_TASK);
  }

  @Test
  void whileABigDealWaitsFollowUpsAreAboutItsProductUnlessAnotherIsNamed() {
    cairoTime(1, 0);
    ProcessInstance egyptian = handedOff("عايز ٣ ايفون ١٥ برو ماكس");
    assertThat(runtime.getVariable(egyptian.getId(), "handoffReason")).isEqualTo("big deal");
    customerWrites(egyptian, "وشواحن؟");
    assertThat(last(egyptian)).contains("749").contains("طلبك لسه قائم");
    customerWrites(egyptian, "قسطه كام في الشهر؟");
    assertThat(last(egyptian)).contains("آيفون ١٥ برو ماكس").contains("6,084");
    customerWrites(egyptian, "تقسيط؟");
    assertThat(last(egyptian)).contains("آيفون ١٥ برو ماكس").contains("6,084");
    customerWrites(egyptian, "شاحن ينفع معاه؟");
    assertThat(last(egyptian)).contains("اللي ينفع مع آيفون ١٥ برو ماكس").contains("899");
    // a product named is answered for that product
    customerWrites(egyptian, "وقسط الجالكسي A55 كام في الشهر؟");
    assertThat(last(egyptian)).contains("A55").doesNotContain("آيفون ١٥ برو ماكس");
    assertThat(egyptian).isWaitingAt(HandoffRouter.HANDOFF_TASK);

    ProcessInstance english = handedOff("I want 3 iPhone 15 Pro Max");
    customerWrites(english, "and chargers?");
    assertThat(last(english)).contains("749");
    customerWrites(english, "instalments?");
    assertThat(last(english)).contains("iPhone 15 Pro Max").contains("6,084");
    customerWrites(english, "a charger that works with it?");
    assertThat(last(english)).contains("What works with the iPhone 15 Pro Max");
    assertThat(english).isWaitingAt(HandoffRouter.HANDOFF_TASK);
  }
}
