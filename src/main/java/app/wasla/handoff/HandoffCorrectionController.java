package app.wasla.handoff;

import app.wasla.persona.Intents;
import app.wasla.persona.learning.Corrections;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * "What the customer wanted", from the handoff form: the agent who owns the handoff (or a
 * supervisor) says which intent the customer's turn that handed the conversation over really was,
 * or that the persona read it right and should have answered it. The text is the one Wasla kept
 * when the task was created, never what the form sends, so an agent can correct only the reading of
 * her own customer's words. The persona retrains from it within seconds ({@code persona/learning}).
 * {@code GET /handoff/tasks/{taskId}/correction} (the turn, the reading, the choices and the
 * current choice) and {@code POST /handoff/tasks/{taskId}/correction} {@code {"intent":"order"}} or
 * {@code {"botShouldHaveAnswered":true}}.
 */
@RestController
class HandoffCorrectionController {

  /**
   * What the form posts: an intent, or that the bot should have answered (then the persona's
   * reading counts).
   */
  record Choice(String intent, Boolean botShouldHaveAnswered) {}

  /** The intents as agents read them in the form. */
  static final Map<String, String> LABELS = labels();

  private final AgentCaller callers;
  private final HandoffOwnership ownership;
  private final TaskService tasks;
  private final Corrections corrections;
  private final HandoffVisibility visibility;

  HandoffCorrectionController(
      AgentCaller callers,
      HandoffOwnership ownership,
      TaskService tasks,
      Corrections corrections,
      HandoffVisibility visibility) {
    this.visibility = visibility;
    this.callers = callers;
    this.ownership = ownership;
    this.tasks = tasks;
    this.corrections = corrections;
  }

  @GetMapping("/handoff/tasks/{taskId}/correction")
  ResponseEntity<?> show(@PathVariable String taskId, HttpServletRequest request) {
    AgentCaller.Caller caller = callers.of(request);
    if (!caller.authenticated()) {
      return problem(HttpStatus.valueOf(caller.status()), caller.reason());
    }
    Task task = handoffTask(taskId);
    if (task == null || !visibility.maySee(caller.userId(), taskId)) {
      return problem(HttpStatus.NOT_FOUND, "No open handoff " + taskId + " that you may see");
    }
    String owner = ownership.owner(task.getId(), task.getAssignee());
    Optional<String> refusal = refusal(owner, caller.userId());
    Optional<Corrections.HandoffTurn> turn = corrections.handoffTurn(taskId);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("taskId", taskId);
    answer.put("correctable", turn.isPresent());
    answer.put("mayCorrect", refusal.isEmpty());
    answer.put(
        "why",
        refusal.orElse(
            turn.isEmpty() ? "This handoff was not caused by a customer's message." : null));
    answer.put("readAs", turn.map(Corrections.HandoffTurn::readAs).orElse(null));
    // only the owner and supervisors see the text here; the transcript shows it to whoever may see
    // the task
    answer.put(
        "text", refusal.isEmpty() ? turn.map(Corrections.HandoffTurn::text).orElse(null) : null);
    answer.put(
        "intents",
        LABELS.entrySet().stream()
            .map(e -> Map.of("intent", e.getKey(), "label", e.getValue()))
            .toList());
    answer.put(
        "choice", corrections.latest(taskId).map(HandoffCorrectionController::choice).orElse(null));
    return ResponseEntity.ok(answer);
  }

  @PostMapping("/handoff/tasks/{taskId}/correction")
  ResponseEntity<?> correct(
      @PathVariable String taskId,
      @RequestBody(required = false) Choice body,
      HttpServletRequest request) {
    AgentCaller.Caller caller = callers.of(request);
    if (!caller.authenticated()) {
      return problem(HttpStatus.valueOf(caller.status()), caller.reason());
    }
    Task task = handoffTask(taskId);
    if (task == null || !visibility.maySee(caller.userId(), taskId)) {
      return problem(HttpStatus.NOT_FOUND, "No open handoff " + taskId + " that you may see");
    }
    boolean botShould = body != null && Boolean.TRUE.equals(body.botShouldHaveAnswered());
    String intent = body == null || body.intent() == null ? null : body.intent().strip();
    if (!botShould && (intent == null || !Intents.ALL.contains(intent))) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "Choose what the customer wanted: \"intent\" is one of "
              + String.join(", ", Intents.ALL)
              + ", or send \"botShouldHaveAnswered\": true");
    }
    Optional<String> refusal =
        refusal(ownership.owner(task.getId(), task.getAssignee()), caller.userId());
    if (refusal.isPresent()) {
      return problem(HttpStatus.FORBIDDEN, refusal.get());
    }
    Corrections.HandoffTurn turn = corrections.handoffTurn(taskId).orElse(null);
    if (turn == null) {
      return problem(
          HttpStatus.CONFLICT,
          "This handoff was not caused by a customer's message: there is nothing" + " to correct");
    }
    if (botShould) {
      if (intent == null || !Intents.ALL.contains(intent)) {
        intent = turn.readAs();
      }
      if (intent == null || !Intents.ALL.contains(intent)) {
        return problem(
            HttpStatus.BAD_REQUEST, "The persona's reading is unknown: choose the intent instead");
      }
    }
    Corrections.Correction saved =
        corrections.save(
            turn,
            intent,
            botShould ? Corrections.Kind.BOT_SHOULD_HAVE_ANSWERED : Corrections.Kind.INTENT,
            caller.userId());
    return ResponseEntity.ok(Map.of("taskId", taskId, "choice", choice(saved)));
  }

  /** The owner, or a supervisor; nobody before it is claimed. */
  private Optional<String> refusal(String owner, String user) {
    if (owner == null) {
      return ownership.supervisor(user)
          ? Optional.empty()
          : Optional.of("Claim this handoff before you say what the customer wanted.");
    }
    if (owner.equals(user) || ownership.supervisor(user)) {
      return Optional.empty();
    }
    return Optional.of(
        "This handoff belongs to "
            + ownership.fullName(owner)
            + ": only they or a supervisor can say"
            + " what the customer wanted.");
  }

  private static Map<String, Object> choice(Corrections.Correction c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("intent", c.intent());
    out.put("label", LABELS.getOrDefault(c.intent(), c.intent()));
    out.put("botShouldHaveAnswered", c.kind() == Corrections.Kind.BOT_SHOULD_HAVE_ANSWERED);
    out.put("agent", c.agentId());
    out.put("at", c.at().toString());
    return out;
  }

  private Task handoffTask(String taskId) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    return task != null && HandoffRouter.HANDOFF_TASK.equals(task.getTaskDefinitionKey())
        ? task
        : null;
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
    if (status == HttpStatus.UNAUTHORIZED) {
      answer.header("WWW-Authenticate", "Basic realm=\"wasla\"");
    }
    return answer.body(ProblemDetail.forStatusAndDetail(status, detail));
  }

  private static Map<String, String> labels() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(Intents.PRODUCT_INQUIRY, "Asked about a product or its price");
    m.put(Intents.AVAILABILITY, "Asked whether something is in stock");
    m.put(Intents.ORDER, "Wanted to order");
    m.put(Intents.ORDER_STATUS, "Asked where an order is");
    m.put(Intents.PAYMENT, "Asked about paying");
    m.put(Intents.BOOKING_NEW, "Wanted to book an appointment");
    m.put(Intents.BOOKING_CHANGE, "Wanted to move a booking");
    m.put(Intents.BOOKING_CANCEL, "Wanted to cancel a booking");
    m.put(Intents.COMPLAINT, "Complained");
    m.put(Intents.HUMAN_REQUEST, "Asked for a person");
    m.put(Intents.GREETING, "Only greeted");
    m.put(Intents.THANKS_GOODBYE, "Thanked or said goodbye");
    m.put(Intents.OTHER, "Something else (store information, a general question)");
    return Map.copyOf(m).size() == Intents.ALL.size()
        ? java.util.Collections.unmodifiableMap(m)
        : fail();
  }

  private static Map<String, String> fail() {
    throw new IllegalStateException("every intent needs a label in the handoff form");
  }
}
