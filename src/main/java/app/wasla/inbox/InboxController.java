package app.wasla.inbox;

import app.wasla.commerce.smartinfo.CustomerSummaries;
import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.Transcript;
import app.wasla.crm.CustomerMemory;
import app.wasla.handoff.AgentCaller;
import app.wasla.handoff.HandoffDirectory;
import app.wasla.handoff.HandoffTakeovers;
import app.wasla.persona.PersonaTurnLog;
import app.wasla.persona.PersonaVariables;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The owner's inbox: the page at {@code /inbox} and its JSON under {@code /inbox/api}, for Camunda
 * users (the Camunda webapp's session, with its CSRF token on changes, or HTTP Basic). Supervisors
 * and admins see every conversation; an agent sees those of her teams' open handoffs and of the
 * handoffs she owned.
 */
@RestController
class InboxController {

  private static final Logger log = LoggerFactory.getLogger(InboxController.class);

  /** What the page posts to take a conversation over: to a person (default: herself) or a team. */
  record TakeOver(String assignee, String group) {}

  /** What the page posts to hand a conversation with a person to another (or herself). */
  record Reassign(String assignee) {}

  private final AgentCaller callers;
  private final InboxService inbox;
  private final HandoffDirectory handoffs;
  private final HandoffTakeovers takeovers;
  private final Transcript transcript;
  private final CustomerMemory customers;
  private final CustomerSummaries summaries;
  private final RuntimeService runtime;
  private final PersonaTurnLog turns;

  InboxController(
      AgentCaller callers,
      InboxService inbox,
      HandoffDirectory handoffs,
      HandoffTakeovers takeovers,
      Transcript transcript,
      CustomerMemory customers,
      CustomerSummaries summaries,
      RuntimeService runtime,
      PersonaTurnLog turns) {
    this.turns = turns;
    this.callers = callers;
    this.inbox = inbox;
    this.handoffs = handoffs;
    this.takeovers = takeovers;
    this.transcript = transcript;
    this.customers = customers;
    this.summaries = summaries;
    this.runtime = runtime;
  }

  @GetMapping(
      value = {"/inbox", "/inbox/"},
      produces = "text/html;charset=UTF-8")
  String page() throws IOException {
    return resource("inbox/index.html");
  }

  @GetMapping(value = "/inbox/inbox.js", produces = "text/javascript;charset=UTF-8")
  String script() throws IOException {
    return resource("inbox/inbox.js");
  }

  @GetMapping(value = "/inbox/inbox.css", produces = "text/css;charset=UTF-8")
  String style() throws IOException {
    return resource("inbox/inbox.css");
  }

  /**
   * The Camunda webapp's CSRF token of this browser's session, for the page's sign-in: Camunda
   * hands it out in a header only when it makes it, and its cookie is for {@code /camunda} only.
   * Only a page of this origin can read the answer; it carries no data.
   */
  @GetMapping("/inbox/api/csrf")
  ResponseEntity<?> csrf(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object token =
        session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    return token instanceof String t
        ? ResponseEntity.ok(Map.of("csrfToken", t))
        : ResponseEntity.noContent().build();
  }

  /** Who is signed in, and the CSRF token the page sends with its changes. */
  @GetMapping("/inbox/api/me")
  ResponseEntity<?> me(HttpServletRequest request) {
    AgentCaller.Caller caller = callers.of(request);
    if (!caller.authenticated()) {
      return problem(HttpStatus.valueOf(caller.status()), caller.reason());
    }
    HandoffDirectory.Viewer viewer = handoffs.viewer(caller.userId());
    Map<String, Object> me = new LinkedHashMap<>();
    me.put("userId", viewer.userId());
    me.put("name", handoffs.fullName(viewer.userId()));
    me.put("groups", viewer.groups());
    me.put("supervisor", viewer.supervisor());
    HttpSession session = request.getSession(false);
    Object token =
        session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    if (token instanceof String t) {
      me.put("csrfToken", t);
    }
    return ResponseEntity.ok(me);
  }

  @GetMapping("/inbox/api/conversations")
  ResponseEntity<?> list(
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String tag,
      @RequestParam(required = false) String agent,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = "50") int limit,
      HttpServletRequest request) {
    AgentCaller.Caller caller = callers.of(request);
    if (!caller.authenticated()) {
      return problem(HttpStatus.valueOf(caller.status()), caller.reason());
    }
    return ResponseEntity.ok(
        inbox.page(
            handoffs.viewer(caller.userId()),
            new InboxService.Filter(InboxState.parse(state).orElse(null), tag, agent, q),
            cursor,
            limit));
  }

  /** Live updates: the conversations that changed after {@code since} (a previous answer's). */
  @GetMapping("/inbox/api/conversations/changes")
  ResponseEntity<?> changes(
      @RequestParam String since,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String tag,
      @RequestParam(required = false) String agent,
      @RequestParam(required = false) String q,
      HttpServletRequest request) {
    AgentCaller.Caller caller = callers.of(request);
    if (!caller.authenticated()) {
      return problem(HttpStatus.valueOf(caller.status()), caller.reason());
    }
    return ResponseEntity.ok(
        inbox.changes(
            handoffs.viewer(caller.userId()),
            new InboxService.Filter(InboxState.parse(state).orElse(null), tag, agent, q),
            since));
  }

  /**
   * One conversation: the list's item, the transcript, the persona's latest reading, Smart Info and
   * the CRM's profile.
   */
  @GetMapping("/inbox/api/conversations/{key}")
  ResponseEntity<?> show(@PathVariable String key, HttpServletRequest request) {
    AgentCaller.Caller caller = callers.of(request);
    if (!caller.authenticated()) {
      return problem(HttpStatus.valueOf(caller.status()), caller.reason());
    }
    ConversationKey conversation = ConversationKey.fromOutside(key);
    HandoffDirectory.Viewer viewer = handoffs.viewer(caller.userId());
    Optional<InboxService.Item> item = inbox.one(viewer, conversation.value());
    if (item.isEmpty()) {
      return problem(HttpStatus.NOT_FOUND, "No conversation " + key + " that you may see");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("conversation", item.get());
    answer.put("transcript", lines(conversation.value()));
    answer.put("reading", reading(conversation.value()));
    answer.put("smartInfo", smartInfo(conversation.waId()));
    answer.put("profile", customers.find(conversation.value()).orElse(null));
    answer.put("you", caller.userId());
    // honest: false, with the server's sentence, whenever a take-over would be refused now
    Optional<String> whyNot = takeovers.whyNot(conversation.value(), caller.userId());
    answer.put("canTakeOver", whyNot.isEmpty());
    answer.put("takeOverRefusal", whyNot.orElse(null));
    if (viewer.supervisor()) {
      // whom a supervisor may hand a conversation with a person to
      answer.put("agents", handoffs.people());
    }
    return ResponseEntity.ok(answer);
  }

  @PostMapping("/inbox/api/conversations/{key}/take-over")
  ResponseEntity<?> takeOver(
      @PathVariable String key,
      @RequestBody(required = false) TakeOver body,
      HttpServletRequest request) {
    Acting acting = acting(key, request);
    if (acting.refusal() != null) {
      return acting.refusal();
    }
    AgentCaller.Caller caller = acting.caller();
    ConversationKey conversation = acting.conversation();
    String assignee = body == null || blank(body.assignee()) ? null : body.assignee().strip();
    String group = body == null || blank(body.group()) ? null : body.group().strip();
    HandoffTakeovers.Result result =
        takeovers.takeOver(conversation.value(), caller.userId(), assignee, group);
    if (!result.done()) {
      return problem(HttpStatus.valueOf(result.status()), result.reason());
    }
    log.info(
        "{} took conversation {} over",
        caller.userId(),
        ConversationKey.mask(conversation.value()));
    return ResponseEntity.ok(Map.of("taskId", String.valueOf(result.taskId())));
  }

  /** A supervisor hands the conversation's open handoff to a person (herself or another). */
  @PostMapping("/inbox/api/conversations/{key}/reassign")
  ResponseEntity<?> reassign(
      @PathVariable String key,
      @RequestBody(required = false) Reassign body,
      HttpServletRequest request) {
    Acting acting = acting(key, request);
    if (acting.refusal() != null) {
      return acting.refusal();
    }
    AgentCaller.Caller caller = acting.caller();
    ConversationKey conversation = acting.conversation();
    String assignee = body == null || blank(body.assignee()) ? null : body.assignee().strip();
    HandoffTakeovers.Result result =
        takeovers.reassign(conversation.value(), caller.userId(), assignee);
    if (!result.done()) {
      return problem(HttpStatus.valueOf(result.status()), result.reason());
    }
    log.info(
        "{} reassigned conversation {}",
        caller.userId(),
        ConversationKey.mask(conversation.value()));
    return ResponseEntity.ok(Map.of("taskId", result.taskId()));
  }

  @PostMapping("/inbox/api/conversations/{key}/give-back")
  ResponseEntity<?> giveBack(@PathVariable String key, HttpServletRequest request) {
    Acting acting = acting(key, request);
    if (acting.refusal() != null) {
      return acting.refusal();
    }
    AgentCaller.Caller caller = acting.caller();
    ConversationKey conversation = acting.conversation();
    HandoffTakeovers.Result result = takeovers.giveBack(conversation.value(), caller.userId());
    if (!result.done()) {
      return problem(HttpStatus.valueOf(result.status()), result.reason());
    }
    log.info(
        "{} gave conversation {} back to the bot",
        caller.userId(),
        ConversationKey.mask(conversation.value()));
    return ResponseEntity.ok(Map.of("taskId", result.taskId()));
  }

  /** Who acts on which conversation, or the answer that refuses her. */
  private record Acting(
      AgentCaller.Caller caller,
      ConversationKey conversation,
      ResponseEntity<ProblemDetail> refusal) {}

  /**
   * The signed-in caller and the conversation she may see; anyone else learns nothing of it (404,
   * as for a key that does not exist).
   */
  private Acting acting(String key, HttpServletRequest request) {
    AgentCaller.Caller caller = callers.of(request);
    if (!caller.authenticated()) {
      return new Acting(
          caller, null, problem(HttpStatus.valueOf(caller.status()), caller.reason()));
    }
    ConversationKey conversation = ConversationKey.fromOutside(key);
    if (!inbox.maySee(handoffs.viewer(caller.userId()), conversation.value())) {
      return new Acting(
          caller,
          conversation,
          problem(HttpStatus.NOT_FOUND, "No conversation " + key + " that you may see"));
    }
    return new Acting(caller, conversation, null);
  }

  private List<Map<String, Object>> lines(String key) {
    List<Transcript.Line> latest = transcript.latest(key, 200);
    Map<Integer, PersonaTurnLog.Reading> readings = readings(key, latest);
    List<Map<String, Object>> rows = new java.util.ArrayList<>(latest.size());
    for (int i = 0; i < latest.size(); i++) {
      Transcript.Line line = latest.get(i);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", line.id());
      row.put("direction", line.direction());
      row.put("type", line.type());
      row.put("text", line.text());
      row.put("at", line.at().toString());
      // who wrote it: customer, bot, agent (with her user id and name), notification, campaign, api
      row.put("author", line.author());
      row.put("authorId", line.authorId());
      row.put("authorName", line.authorName());
      row.put(
          "status",
          line.status() == null ? null : line.status().toLowerCase(java.util.Locale.ROOT));
      // the stored file's url, a location's map link, the caption ... (docs/media.md)
      row.put("media", line.media() != null ? line.media() : Transcript.sent(line));
      PersonaTurnLog.Reading reading = readings.get(i);
      Map<String, Object> read = null;
      if (reading != null) {
        read = new LinkedHashMap<>();
        read.put("intent", reading.intent());
        read.put("language", reading.language());
        read.put("handoffReason", reading.handoffReason());
      }
      row.put("reading", read);
      rows.add(row);
    }
    return rows;
  }

  /**
   * The persona's reading of each customer turn, by the index of the turn's line: a reading belongs
   * to the latest customer line that arrived before the persona read it (a burst of messages is one
   * turn, shown at its last line).
   */
  private Map<Integer, PersonaTurnLog.Reading> readings(String key, List<Transcript.Line> lines) {
    List<Integer> inbound = new java.util.ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if ("in".equals(lines.get(i).direction())) {
        inbound.add(i);
      }
    }
    Map<Integer, PersonaTurnLog.Reading> byLine = new java.util.HashMap<>();
    if (inbound.isEmpty()) {
      return byLine;
    }
    java.time.Instant first = arrived(lines.get(inbound.get(0)));
    for (PersonaTurnLog.Reading reading : turns.readings(key, first)) {
      Integer at = null;
      for (int i : inbound) {
        if (!arrived(lines.get(i)).isAfter(reading.at())) {
          at = i;
        }
      }
      if (at != null) {
        byLine.put(at, reading);
      }
    }
    return byLine;
  }

  private static java.time.Instant arrived(Transcript.Line line) {
    return line.arrived() != null ? line.arrived() : line.at();
  }

  /** The persona's reading of the latest turn, from the live conversation's variables. */
  private Map<String, Object> reading(String key) {
    Optional<ProcessInstance> instance =
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).list().stream()
            .filter(p -> p.getId().equals(p.getRootProcessInstanceId()))
            .findFirst();
    if (instance.isEmpty()) {
      return null;
    }
    Map<String, Object> variables =
        runtime.getVariables(
            instance.get().getId(),
            List.of(
                PersonaVariables.INTENT,
                PersonaVariables.SENTIMENT,
                PersonaVariables.SENTIMENT_SCORE,
                PersonaVariables.LANGUAGE,
                PersonaVariables.HANDOFF_REASON,
                PersonaVariables.SUMMARY));
    Map<String, Object> reading = new LinkedHashMap<>();
    reading.put("intent", variables.get(PersonaVariables.INTENT));
    reading.put("sentiment", variables.get(PersonaVariables.SENTIMENT));
    reading.put("sentimentScore", variables.get(PersonaVariables.SENTIMENT_SCORE));
    reading.put("language", variables.get(PersonaVariables.LANGUAGE));
    reading.put("handoffReason", variables.get(PersonaVariables.HANDOFF_REASON));
    reading.put("summary", variables.get(PersonaVariables.SUMMARY));
    return reading;
  }

  /** Smart Info from the commerce backend, now (what the handoff form loads at the handoff). */
  private Object smartInfo(String waId) {
    try {
      return summaries.summary(waId);
    } catch (RuntimeException e) {
      log.warn("Smart Info not available for the inbox: {}", e.toString());
      return null;
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = new ClassPathResource(path).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    return ResponseEntity.status(status).body(problem);
  }
}
