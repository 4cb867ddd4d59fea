package app.wasla.handoff;

import app.wasla.channel.whatsapp.CloudApiException;
import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.commerce.smartinfo.LoadSmartInfoDelegate;
import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.OutboundMessages;
import app.wasla.conversation.PersonAuthor;
import app.wasla.conversation.ServiceWindowClosedException;
import app.wasla.conversation.Transcript;
import app.wasla.crm.CustomerMemory;
import app.wasla.crm.CustomerProfile;
import app.wasla.persona.PersonaVariables;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the handoff form calls while the agent works, without completing the task: {@code POST
 * /handoff/tasks/{taskId}/messages} sends a reply to the customer (only the task's assignee), and
 * {@code GET /handoff/tasks/{taskId}/transcript} lists the conversation with the customer's Smart
 * Info (anyone who may see the task). Tasklist's session (with its CSRF token) or HTTP Basic with
 * the agent's Camunda user.
 */
@RestController
class HandoffTaskController {

  /** What the form posts. {@code clientMessageId} makes a retried click one message, not two. */
  record NewMessage(String text, String clientMessageId) {}

  /** WhatsApp's limit of a text message body. */
  static final int MAX_TEXT = 4096;

  /** WhatsApp's limit of a photo's or document's caption. */
  static final int MAX_CAPTION = 1024;

  private static final Pattern CLIENT_MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Logger log = LoggerFactory.getLogger(HandoffTaskController.class);

  private final AgentCaller callers;
  private final HandoffOwnership ownership;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final OutboundMessages outbound;
  private final Transcript transcript;
  private final HandoffProperties props;
  private final CustomerMemory customers;
  private final HandoffLog handoffLog;
  private final app.wasla.conversation.media.OutboundMedia media;
  private final HandoffVisibility visibility;

  HandoffTaskController(
      AgentCaller callers,
      HandoffOwnership ownership,
      TaskService tasks,
      RuntimeService runtime,
      OutboundMessages outbound,
      Transcript transcript,
      HandoffProperties props,
      CustomerMemory customers,
      HandoffLog handoffLog,
      app.wasla.conversation.media.OutboundMedia media,
      HandoffVisibility visibility) {
    this.visibility = visibility;
    this.handoffLog = handoffLog;
    this.media = media;
    this.customers = customers;
    this.callers = callers;
    this.ownership = ownership;
    this.tasks = tasks;
    this.runtime = runtime;
    this.outbound = outbound;
    this.transcript = transcript;
    this.props = props;
  }

  @PostMapping("/handoff/tasks/{taskId}/messages")
  ResponseEntity<?> send(
      @PathVariable String taskId,
      @RequestBody(required = false) NewMessage body,
      HttpServletRequest request) {
    AgentCaller.Caller caller = callers.of(request);
    if (!caller.authenticated()) {
      return problem(HttpStatus.valueOf(caller.status()), caller.reason());
    }
    Task task = visibleTask(taskId, caller.userId());
    if (task == null) {
      return hidden(taskId);
    }
    if (body == null || body.text() == null || body.text().isBlank()) {
      return problem(HttpStatus.BAD_REQUEST, "Write a message first: \"text\" is empty");
    }
    if (body.text().strip().length() > MAX_TEXT) {
      return problem(
          HttpStatus.BAD_REQUEST, "A WhatsApp message has at most " + MAX_TEXT + " characters");
    }
    if (body.clientMessageId() == null
        || !CLIENT_MESSAGE_ID.matcher(body.clientMessageId()).matches()) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "\"clientMessageId\" is required: 1 to 64 letters, digits or . _ : - (the same id for a retry)");
    }
    Optional<String> refusal = sendRefusal(task, caller.userId());
    if (refusal.isPresent()) {
      return problem(HttpStatus.FORBIDDEN, refusal.get());
    }
    ConversationKey key = conversationOf(task);
    String idempotencyKey = "handoff:" + taskId + ":" + body.clientMessageId();
    String wamid;
    try {
      // the outbound path: one send per key, the 24-hour window (its template outside), the
      // transcript row
      wamid =
          outbound.send(
              key,
              new OutboundMessage.Text(body.text().strip(), false),
              idempotencyKey,
              author(task, caller.userId()));
    } catch (ServiceWindowClosedException e) {
      return problem(HttpStatus.CONFLICT, e.getMessage());
    } catch (CloudApiException e) {
      return notSent(caller.userId(), taskId, e, e.publicSummary() + ". Send again");
    }
    responded(task);
    handoffLog.personWrote(
        key.value(),
        taskId,
        HandoffLog.AGENT_MESSAGE,
        "agent=" + caller.userId() + ", key=" + idempotencyKey + ", wamid=" + wamid);
    Map<String, Object> sent = new LinkedHashMap<>();
    sent.put("taskId", taskId);
    sent.put("clientMessageId", body.clientMessageId());
    sent.put("wamid", wamid);
    return ResponseEntity.ok(sent);
  }

  /**
   * Sends a file the agent chose (a JPEG or PNG photo, or a PDF) with an optional caption:
   * multipart {@code file}, {@code caption}, {@code clientMessageId}. Checked against Meta's limits
   * and {@code wasla.media.send-max-size} (413 too large, 415 a type not sent), uploaded to the
   * Cloud API's media endpoint and sent through the outbound path, once per {@code
   * clientMessageId}. Only the handoff's owner may send, as with text.
   */
  @PostMapping(value = "/handoff/tasks/{taskId}/attachments", consumes = "multipart/form-data")
  ResponseEntity<?> attach(
      @PathVariable String taskId,
      @org.springframework.web.bind.annotation.RequestParam(value = "file", required = false)
          org.springframework.web.multipart.MultipartFile file,
      @org.springframework.web.bind.annotation.RequestParam(value = "caption", required = false)
          String caption,
      @org.springframework.web.bind.annotation.RequestParam(
              value = "clientMessageId",
              required = false)
          String clientMessageId,
      HttpServletRequest request)
      throws java.io.IOException {
    AgentCaller.Caller caller = callers.of(request);
    if (!caller.authenticated()) {
      return problem(HttpStatus.valueOf(caller.status()), caller.reason());
    }
    if (file == null || file.isEmpty()) {
      return problem(HttpStatus.BAD_REQUEST, "Choose a file first: \"file\" is missing or empty");
    }
    String text = caption == null || caption.isBlank() ? null : caption.strip();
    if (text != null && text.codePointCount(0, text.length()) > MAX_CAPTION) {
      return problem(
          HttpStatus.BAD_REQUEST, "A caption has at most " + MAX_CAPTION + " characters");
    }
    if (clientMessageId == null || !CLIENT_MESSAGE_ID.matcher(clientMessageId).matches()) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "\"clientMessageId\" is required: 1 to 64 letters, digits or . _ : - (the same id for a retry)");
    }
    if (file.getSize() > media.maxSize()) {
      return problem(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "The file is too large: at most "
              + (media.maxSize() / (1024 * 1024))
              + " MB (a photo at most 5 MB)");
    }
    Task task = visibleTask(taskId, caller.userId());
    if (task == null) {
      return hidden(taskId);
    }
    Optional<String> refusal = sendRefusal(task, caller.userId());
    if (refusal.isPresent()) {
      return problem(HttpStatus.FORBIDDEN, refusal.get());
    }
    ConversationKey key = conversationOf(task);
    String idempotencyKey = "handoff:" + taskId + ":" + clientMessageId;
    String wamid;
    try {
      wamid =
          media.send(
              key,
              file.getBytes(),
              file.getContentType(),
              file.getOriginalFilename(),
              text,
              idempotencyKey,
              author(task, caller.userId()));
    } catch (app.wasla.conversation.media.OutboundMedia.RejectedFileException e) {
      return problem(
          e.tooLarge() ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          e.getMessage());
    } catch (ServiceWindowClosedException e) {
      return problem(HttpStatus.CONFLICT, e.getMessage());
    } catch (CloudApiException e) {
      return notSent(
          caller.userId(),
          taskId,
          e,
          "WhatsApp did not take the file: "
              + e.publicSummary()
              + ". Nothing was sent; send again");
    }
    responded(task);
    handoffLog.personWrote(
        key.value(),
        taskId,
        HandoffLog.AGENT_MESSAGE,
        "agent=" + caller.userId() + ", key=" + idempotencyKey + ", wamid=" + wamid + ", file");
    Map<String, Object> sent = new LinkedHashMap<>();
    sent.put("taskId", taskId);
    sent.put("clientMessageId", clientMessageId);
    sent.put("wamid", wamid);
    return ResponseEntity.ok(sent);
  }

  /** The person writing: her user id and name, and the team whose handoff this is. */
  private PersonAuthor author(Task task, String userId) {
    Object group = runtime.getVariable(task.getExecutionId(), "handoffGroup");
    return new PersonAuthor(
        userId, ownership.fullName(userId), group instanceof String g ? g : null);
  }

  /** A file larger than the server takes at all never reaches the checks: the same clear answer. */
  @org.springframework.web.bind.annotation.ExceptionHandler(
      org.springframework.web.multipart.MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemDetail> tooLarge() {
    return problem(
        HttpStatus.PAYLOAD_TOO_LARGE,
        "The file is too large: at most " + (media.maxSize() / (1024 * 1024)) + " MB");
  }

  /**
   * What the form shows: the customer, the persona's reading, the owner and the latest messages.
   */
  @GetMapping("/handoff/tasks/{taskId}/transcript")
  ResponseEntity<?> transcript(@PathVariable String taskId, HttpServletRequest request) {
    AgentCaller.Caller caller = callers.of(request);
    if (!caller.authenticated()) {
      return problem(HttpStatus.valueOf(caller.status()), caller.reason());
    }
    Task task = visibleTask(taskId, caller.userId());
    if (task == null) {
      return hidden(taskId);
    }
    String key =
        runtime
            .createProcessInstanceQuery()
            .processInstanceId(task.getProcessInstanceId())
            .singleResult()
            .getBusinessKey();
    List<Map<String, Object>> lines =
        transcript.latest(key, props.transcriptLines()).stream()
            .map(
                line -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("id", line.id());
                  row.put("direction", line.direction());
                  row.put("type", line.type());
                  row.put("text", line.text());
                  row.put("at", line.at().toString());
                  row.put("status", line.status());
                  // who wrote it: customer, bot, agent (with her user id and name), notification,
                  // campaign, api
                  row.put("author", line.author());
                  row.put("authorId", line.authorId());
                  row.put("authorName", line.authorName());
                  // a photo, voice note, video, document, sticker or location: {id, kind,
                  // mimeType, url, caption, ...}; what the shop sent, from the sent message
                  Transcript.Media media =
                      line.media() != null ? line.media() : Transcript.sent(line);
                  if (media != null) {
                    row.put("media", media);
                  }
                  return row;
                })
            .toList();
    Map<String, Object> variables =
        runtime.getVariables(
            task.getProcessInstanceId(),
            List.of("customerName", PersonaVariables.HANDOFF_REASON, PersonaVariables.SUMMARY));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("taskId", taskId);
    answer.put("assignee", task.getAssignee());
    answer.put("ownerName", ownership.fullName(task.getAssignee()));
    answer.put("you", caller.userId());
    answer.put("customerName", variables.get("customerName"));
    answer.put("reason", variables.get(PersonaVariables.HANDOFF_REASON));
    answer.put("personaSummary", variables.get(PersonaVariables.SUMMARY));
    answer.put("context", tasks.getVariableLocal(taskId, HandoffTaskListener.CONTEXT));
    answer.put("smartInfo", smartInfo(task.getProcessInstanceId(), key));
    // who had the handoff before and why it moved (the task's comments), oldest first
    answer.put(
        "history",
        tasks.getTaskComments(taskId).stream()
            .sorted(java.util.Comparator.comparing(org.camunda.bpm.engine.task.Comment::getTime))
            .map(
                c -> {
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("at", c.getTime().toInstant().toString());
                  entry.put("text", c.getFullMessage());
                  return entry;
                })
            .toList());
    answer.put("lines", lines);
    return ResponseEntity.ok(answer);
  }

  /**
   * Smart Info as the flow loaded it when the handoff began (the commerce backend's figures: orders
   * bought, total spend, the latest order, open payments, upcoming bookings), with the customer's
   * tags as the CRM has them now.
   */
  private Map<String, Object> smartInfo(String processInstanceId, String conversationKey) {
    Map<String, Object> loaded =
        runtime.getVariables(
            processInstanceId,
            List.of(
                LoadSmartInfoDelegate.ORDERS,
                LoadSmartInfoDelegate.TOTAL_SPEND_EGP,
                LoadSmartInfoDelegate.LAST_ORDER,
                LoadSmartInfoDelegate.OPEN_PAYMENTS,
                LoadSmartInfoDelegate.OPEN_PAYMENTS_EGP,
                LoadSmartInfoDelegate.OPEN_BOOKINGS));
    Map<String, Object> smart = new LinkedHashMap<>();
    smart.put("loaded", loaded.containsKey(LoadSmartInfoDelegate.ORDERS));
    smart.put("orders", loaded.get(LoadSmartInfoDelegate.ORDERS));
    smart.put("totalSpendEgp", loaded.get(LoadSmartInfoDelegate.TOTAL_SPEND_EGP));
    smart.put("lastOrder", loaded.get(LoadSmartInfoDelegate.LAST_ORDER));
    smart.put("openPayments", loaded.get(LoadSmartInfoDelegate.OPEN_PAYMENTS));
    smart.put("openPaymentsEgp", loaded.get(LoadSmartInfoDelegate.OPEN_PAYMENTS_EGP));
    smart.put("openBookings", loaded.get(LoadSmartInfoDelegate.OPEN_BOOKINGS));
    smart.put(
        "tags", customers.find(conversationKey).map(CustomerProfile::tagNames).orElse(List.of()));
    return smart;
  }

  /** The open handoff, if the caller may see it; null otherwise (or when there is none). */
  private Task visibleTask(String taskId, String userId) {
    Task task = handoffTask(taskId);
    return task == null || !visibility.maySee(userId, taskId) ? null : task;
  }

  /** Who may not see a handoff learns nothing of it, not even that it exists or whose it is. */
  private static ResponseEntity<ProblemDetail> hidden(String taskId) {
    return problem(HttpStatus.NOT_FOUND, "No open handoff " + taskId + " that you may see");
  }

  /** Why the caller may not write to the customer in this handoff (only its owner may). */
  private Optional<String> sendRefusal(Task task, String userId) {
    return ownership.refusal(
        HandoffOwnership.Action.SEND,
        ownership.owner(task.getId(), task.getAssignee()),
        userId,
        null);
  }

  private ConversationKey conversationOf(Task task) {
    ProcessInstance instance =
        runtime
            .createProcessInstanceQuery()
            .processInstanceId(task.getProcessInstanceId())
            .singleResult();
    return ConversationKey.parse(instance.getBusinessKey());
  }

  /**
   * A send WhatsApp did not take: the agent sees a stable sentence with a reference; the Cloud
   * API's address and the exception go to the log under that reference.
   */
  private static ResponseEntity<ProblemDetail> notSent(
      String userId, String taskId, CloudApiException e, String sentence) {
    String reference = CloudApiException.newReference();
    log.warn(
        "Agent {} could not send in handoff {} (reference {}): {}",
        userId,
        taskId,
        reference,
        e.getMessage());
    ResponseEntity<ProblemDetail> failed =
        problem(
            HttpStatus.BAD_GATEWAY, sentence + ": it goes out once. Reference " + reference + ".");
    failed.getBody().setProperty("reference", reference);
    return failed;
  }

  private Task handoffTask(String taskId) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    return task != null && HandoffRouter.HANDOFF_TASK.equals(task.getTaskDefinitionKey())
        ? task
        : null;
  }

  /**
   * A person answered: the first-response deadline no longer sends the holding message, and the
   * task has no due date any more, so that "Overdue handoffs" lists only customers still waiting
   * for a first answer.
   */
  private void responded(Task task) {
    for (int attempt = 1; ; attempt++) {
      try {
        runtime.setVariable(task.getProcessInstanceId(), SendAgentReplyDelegate.RESPONDED, true);
        Task current = tasks.createTaskQuery().taskId(task.getId()).singleResult();
        if (current != null && current.getDueDate() != null) {
          current.setDueDate(null);
          tasks.saveTask(current);
        }
        return;
      } catch (OptimisticLockingException e) {
        if (attempt == 3) {
          log.warn(
              "Could not mark handoff {} answered (the message went out): {}",
              task.getId(),
              e.toString());
          return;
        }
      }
    }
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
    if (status == HttpStatus.UNAUTHORIZED) {
      answer.header("WWW-Authenticate", "Basic realm=\"wasla\"");
    }
    return answer.body(problem);
  }
}
