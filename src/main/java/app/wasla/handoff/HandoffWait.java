package app.wasla.handoff;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.conversation.ConversationVariables;
import app.wasla.conversation.FlowMessages;
import app.wasla.persona.PersonaVariables;
import app.wasla.persona.PersonaWhileWaiting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The customer is never left in silence while a handoff waits for its person: once, when the task
 * is created, who will answer and roughly when (the team's first-response deadline, longer by the
 * team's queue when nobody has room); then, until a person has answered, each message is
 * acknowledged: in words with the time left, at most once per {@code
 * wasla.handoff.acknowledge-every}, and with a reaction in between, so that a customer who writes
 * three lines in a row gets one answer and two 🙏, not three paragraphs. Once a person has
 * answered, the person talks. Outside the agents' hours ({@link StaffHours}) nothing promises
 * minutes: the customer hears the hours and that a colleague replies at the opening. While nobody
 * holds the handoff (queued, or assigned outside the hours), what the persona can answer itself is
 * answered, with a line saying the request still stands ({@link PersonaWhileWaiting}).
 */
@Component
class HandoffWait {

  /**
   * When the customer was last told in words that the message was passed on (a Date; per handoff).
   */
  static final String ACKNOWLEDGED_AT = "handoffAcknowledgedAt";

  static final String REACTION = "🙏";

  /**
   * The purchase a customer wrote while the handoff waits, offered to go on with the bot; answered
   * as the turn when "continue with me" is tapped.
   */
  static final String PENDING_PURCHASE = "handoffPendingPurchase";

  /**
   * The order of one unit that made a big deal's handoff ("عايز اطلب ايفون 15"), as written: what
   * "order now" takes, also after the customer first chose to wait and then orders it again.
   */
  static final String BIG_DEAL_ORDER = "handoffBigDealOrder";

  /** Handoffs that stay with the person whatever the customer then buys: a grievance. */
  private static final java.util.Set<String> KEPT_WITH_THE_PERSON =
      java.util.Set.of("complaint", "angry customer");

  /** The handoff was a person's take-over from the bot (the inbox): she talks, never the bot. */
  static final String TAKEN_OVER = "handoffTakenOver";

  private final FlowMessages messages;
  private final TaskService tasks;
  private final IdentityService identity;
  private final AgentPresence presence;
  private final HandoffProperties props;
  private final Clock clock;
  private final StaffHours hours;
  private final AgentNames names;
  private final PersonaWhileWaiting persona;

  HandoffWait(
      FlowMessages messages,
      TaskService tasks,
      IdentityService identity,
      AgentPresence presence,
      HandoffProperties props,
      Clock clock,
      StaffHours hours,
      AgentNames names,
      PersonaWhileWaiting persona) {
    this.persona = persona;
    this.hours = hours;
    this.names = names;
    this.messages = messages;
    this.tasks = tasks;
    this.identity = identity;
    this.presence = presence;
    this.props = props;
    this.clock = clock;
  }

  /**
   * The handoff task was just created (and given to {@code agent}, or queued when null): tell the
   * customer.
   */
  void announce(DelegateTask task, String group, String agent) {
    DelegateExecution execution = begin(task, false);
    String language = language(execution);
    if (offersToOrderNow(execution)) {
      // "عايز اطلب ايفون 15": sales should know of a big deal, but one unit is bought now if the
      // customer wants; its order is answered as the turn when "order now" is tapped
      Object order = execution.getVariable(ConversationVariables.TURN_TEXT);
      execution.setVariable(PENDING_PURCHASE, order);
      execution.setVariable(BIG_DEAL_ORDER, order);
      messages.send(execution, offer(language));
      return;
    }
    Duration sla = props.firstResponseFor(group);
    String text;
    if (!hours.openNow()) {
      // nobody answers before the opening: its time, not minutes (nor a place in a queue)
      text =
          HandoffWaitTexts.afterHours(
              language, names.inText(agent, language), hours.opens(), hours.closes());
    } else if (agent != null) {
      text = HandoffWaitTexts.assigned(language, names.inText(agent, language), minutes(sla));
    } else {
      // the engine's task query does not see this task yet: the ones waiting before it, plus this
      // one
      int position =
          group == null
              ? 1
              : (int)
                      tasks
                          .createTaskQuery()
                          .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
                          .taskUnassigned()
                          .taskCandidateGroup(group)
                          .count()
                  + 1;
      long available =
          group == null
              ? 0
              : identity.createUserQuery().memberOfGroup(group).list().stream()
                  .filter(u -> presence.of(u.getId()).available())
                  .count();
      long rounds = (position + Math.max(1, available) - 1) / Math.max(1, available);
      text = HandoffWaitTexts.queued(language, position, minutes(sla.multipliedBy(rounds)));
    }
    messages.sendNotice(execution, OutboundMessage.Text.of(text));
  }

  /**
   * The handoff moved to {@code agent} after a person had answered the customer: one short notice
   * in their language that a colleague is taking over (named as the wait notices name agents).
   */
  void colleagueTakesOver(DelegateTask task, String agent) {
    DelegateExecution execution = task.getExecution();
    String language = language(execution);
    messages.sendNotice(
        execution,
        OutboundMessage.Text.of(
            HandoffWaitTexts.colleagueTakesOver(language, names.inText(agent, language))));
  }

  /**
   * A new handoff of the same conversation: nobody has answered this one yet. A handoff a person
   * started herself (a takeover) only does this: she writes to the customer herself, so nothing is
   * announced (neither a wait nor the opening hours).
   */
  DelegateExecution begin(DelegateTask task, boolean takenOver) {
    DelegateExecution execution = task.getExecution();
    if (takenOver || execution.getVariable(TAKEN_OVER) != null) {
      execution.setVariable(TAKEN_OVER, takenOver);
    }
    if (Boolean.TRUE.equals(execution.getVariable(SendAgentReplyDelegate.RESPONDED))) {
      execution.setVariable(SendAgentReplyDelegate.RESPONDED, false);
    }
    if (execution.getVariable(ACKNOWLEDGED_AT) != null) {
      execution.setVariable(ACKNOWLEDGED_AT, null);
    }
    if (execution.getVariable(BIG_DEAL_ORDER) != null) {
      execution.setVariable(BIG_DEAL_ORDER, null); // an older handoff's
    }
    // the "still waiting" reminders count per handoff
    if (execution.getVariable(HandoffOverdueDelegate.HELD_AT) != null) {
      execution.setVariable(HandoffOverdueDelegate.HELD_AT, null);
    }
    if (execution.getVariable(HandoffOverdueDelegate.REMINDERS) != null) {
      execution.setVariable(HandoffOverdueDelegate.REMINDERS, 0);
    }
    return execution;
  }

  /**
   * The customer wrote while the handoff waits: acknowledged unless a person is answering already.
   */
  void acknowledge(DelegateExecution execution) {
    if (Boolean.TRUE.equals(execution.getVariable(SendAgentReplyDelegate.RESPONDED))) {
      return;
    }
    Instant now = clock.instant();
    Task current = task(execution);
    Object replyId = execution.getVariable(ConversationVariables.REPLY_ID);
    if (HandoffWithdrawal.WAIT_FOR_COLLEAGUE.equals(replyId)) {
      // "استنى الزميل": the handoff stands; the customer hears who answers and when
      execution.setVariable(PENDING_PURCHASE, null);
      execution.setVariable(ACKNOWLEDGED_AT, null);
    } else if (offersToContinue(execution)) {
      Optional<String> language = persona.purchase(execution);
      if (language.isPresent()) {
        // "خلاص هاخد الA55 كاش عند الاستلام" while the colleague's answer waits: the bot offers to
        // take the order now rather than forward it silently
        String l = language.get();
        // "عايز اطلبه دلوقتي": the big deal's own order, as first written, is the one taken
        Object order =
            execution.getVariable(BIG_DEAL_ORDER) instanceof String first
                    && persona.ordersTheBigDealAgain(execution)
                ? first
                : execution.getVariable(ConversationVariables.TURN_TEXT);
        execution.setVariable(PENDING_PURCHASE, order);
        messages.send(execution, offer(l));
        execution.setVariable(ACKNOWLEDGED_AT, Date.from(now));
        return;
      }
    }
    if (!HandoffWithdrawal.WAIT_FOR_COLLEAGUE.equals(replyId)
        && !heldByAPerson(execution, current)) {
      Optional<PersonaWhileWaiting.Answer> answer = persona.answer(execution);
      if (answer.isPresent()) {
        String agent =
            current == null || current.getAssignee() == null
                ? null
                : names.inText(current.getAssignee(), answer.get().language());
        String reminder =
            HandoffWaitTexts.stillPassedOn(
                answer.get().language(), agent, hours.openNow() ? null : hours.opens());
        // an answer, not a notice; the next message the bot cannot answer is acknowledged in words
        messages.send(execution, OutboundMessage.Text.of(answer.get().text() + "\n\n" + reminder));
        return;
      }
    }
    Object last = execution.getVariable(ACKNOWLEDGED_AT);
    boolean recent =
        last instanceof Date at
            && Duration.between(at.toInstant(), now).compareTo(props.acknowledgeEvery()) < 0;
    Optional<String> askedAgain = recent ? persona.personAskedFor(execution) : Optional.empty();
    if (askedAgain.isPresent()) {
      // "عايز اكلم حد بني آدم" again: words, not only a reaction, that a colleague has it
      String language = askedAgain.get();
      Duration left =
          current == null || current.getDueDate() == null
              ? Duration.ZERO
              : Duration.between(now, current.getDueDate().toInstant());
      String agent = current == null ? null : names.inText(current.getAssignee(), language);
      messages.sendNotice(
          execution,
          OutboundMessage.Text.of(
              HandoffWaitTexts.personAskedAgain(
                  language,
                  agent,
                  left.isNegative() || left.isZero() ? null : minutes(left),
                  hours.openNow() ? null : hours.opens())));
      execution.setVariable(ACKNOWLEDGED_AT, Date.from(now));
      return;
    }
    if (recent) {
      Object wamid = execution.getVariable(ConversationVariables.LAST_WAMID);
      if (wamid instanceof String w && !w.startsWith("event:")) {
        messages.sendNotice(execution, new OutboundMessage.Reaction(w, REACTION));
      }
      return;
    }
    String language = language(execution);
    Task task = current;
    Duration left =
        task == null || task.getDueDate() == null
            ? Duration.ZERO
            : Duration.between(now, task.getDueDate().toInstant());
    String agent = task == null ? null : names.inText(task.getAssignee(), language);
    String text =
        !hours.openNow()
            ? HandoffWaitTexts.acknowledgedAfterHours(language, agent, hours.opens())
            : left.isNegative() || left.isZero()
                ? HandoffWaitTexts.acknowledgedLate(language)
                : HandoffWaitTexts.acknowledged(language, agent, minutes(left));
    messages.sendNotice(execution, OutboundMessage.Text.of(text));
    execution.setVariable(ACKNOWLEDGED_AT, Date.from(now));
  }

  /** "Order with me now, or wait for our colleague?" with its two buttons, in the language. */
  private OutboundMessage offer(String language) {
    return OutboundMessage.ReplyButtons.of(
        HandoffWaitTexts.offerToContinue(language, hours.openNow() ? null : hours.opens()),
        new OutboundMessage.ReplyButtons.Button(
            HandoffWithdrawal.CONTINUE_WITH_BOT, HandoffWaitTexts.continueWithBot(language)),
        new OutboundMessage.ReplyButtons.Button(
            HandoffWithdrawal.WAIT_FOR_COLLEAGUE, HandoffWaitTexts.waitForColleague(language)));
  }

  /**
   * Whether the new handoff is a big deal of one unit for a customer ({@link
   * PersonaVariables#RETAIL_BIG_DEAL}) that the customer can take back: the choice of ordering now
   * with the bot is offered at once. Only where the handoff can be withdrawn (its subprocess has
   * the withdrawal's escalation boundary; not the one inside a payment wait).
   */
  private static boolean offersToOrderNow(DelegateExecution execution) {
    return Boolean.TRUE.equals(execution.getVariable(PersonaVariables.RETAIL_BIG_DEAL))
        && HandoffWithdrawal.BIG_DEAL.equals(execution.getVariable(PersonaVariables.HANDOFF_REASON))
        && !Boolean.TRUE.equals(execution.getVariable(TAKEN_OVER))
        && withdrawable(execution);
  }

  /** Whether the handoff's scope ends with the withdrawal's escalation when taken back. */
  private static boolean withdrawable(DelegateExecution execution) {
    org.camunda.bpm.model.bpmn.instance.FlowElement task = execution.getBpmnModelElementInstance();
    if (task == null) {
      return false;
    }
    org.camunda.bpm.model.xml.instance.ModelElementInstance scope = task.getParentElement();
    return task
        .getModelInstance()
        .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.BoundaryEvent.class)
        .stream()
        .anyMatch(
            b ->
                scope.equals(b.getAttachedTo())
                    && b.getEventDefinitions().stream()
                        .anyMatch(
                            d ->
                                d
                                    instanceof
                                    org.camunda.bpm.model.bpmn.instance.EscalationEventDefinition));
  }

  /**
   * Whether a purchase written now may go on with the bot: nobody has answered and nobody took the
   * conversation over, and the handoff is no complaint and no angry customer's (those stay with the
   * person).
   */
  private static boolean offersToContinue(DelegateExecution execution) {
    Object reason = execution.getVariable(PersonaVariables.HANDOFF_REASON);
    return !Boolean.TRUE.equals(execution.getVariable(TAKEN_OVER))
        && !(reason instanceof String r
            && (KEPT_WITH_THE_PERSON.contains(r) || r.startsWith("taken over")));
  }

  /**
   * Whether a person holds the conversation, so that the bot keeps quiet: one who answered already,
   * one who took it over from the bot, or the agent it is assigned to while the agents work. A
   * handoff waiting in the queue, or assigned outside the agents' hours, has nobody at it yet: the
   * bot answers what it can meanwhile.
   */
  private boolean heldByAPerson(DelegateExecution execution, Task task) {
    return Boolean.TRUE.equals(execution.getVariable(TAKEN_OVER))
        || task != null && task.getAssignee() != null && hours.openNow();
  }

  private Task task(DelegateExecution execution) {
    return tasks
        .createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
        .list()
        .stream()
        .findFirst()
        .orElse(null);
  }

  /** Whole minutes, rounded up, at least one. */
  static long minutes(Duration d) {
    long seconds = Math.max(0, d.getSeconds());
    return Math.max(1, (seconds + 59) / 60);
  }

  private static String language(DelegateExecution execution) {
    return String.valueOf(execution.getVariable(PersonaVariables.LANGUAGE));
  }
}
