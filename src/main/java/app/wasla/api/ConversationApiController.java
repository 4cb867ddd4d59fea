package app.wasla.api;

import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.Inbox;
import app.wasla.conversation.Mailbox;
import app.wasla.conversation.Transcript;
import app.wasla.security.RequiresScope;
import app.wasla.security.Scope;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** External systems and conversations: push a named event in, read the state and transcript out. */
@RestController
@RequestMapping("/api/conversations")
class ConversationApiController {

  /**
   * A named event for the conversation's flow. {@code id} makes a retry safe (the same id is stored
   * once); without it the {@code Idempotency-Key} header is used, or a fresh id.
   */
  record EventRequest(String name, String id, Map<String, Object> variables) {}

  record EventAccepted(String id, String conversationKey, String name, boolean duplicate) {}

  record ConversationView(
      String conversationKey,
      String phoneNumberId,
      String waId,
      boolean live,
      ConversationStates.Live instance,
      List<Transcript.Line> transcript) {}

  private final Mailbox mailbox;
  private final Inbox inbox;
  private final Transcript transcript;
  private final ConversationStates states;

  ConversationApiController(
      Mailbox mailbox, Inbox inbox, Transcript transcript, ConversationStates states) {
    this.mailbox = mailbox;
    this.inbox = inbox;
    this.transcript = transcript;
    this.states = states;
  }

  /**
   * Queues the event behind the customer's pending messages; it reaches the flow when the instance
   * next waits. 404 for a conversation never seen, unless a flow starts on this event; 400 for a
   * name Wasla's own code correlates ({@link ReservedMessageNames}).
   */
  @RequiresScope(Scope.EVENTS_WRITE)
  @PostMapping("/{key}/events")
  ResponseEntity<EventAccepted> postEvent(
      @PathVariable String key,
      @RequestBody EventRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    ConversationKey conversation = ConversationKey.fromOutside(key);
    if (request.name() == null || request.name().isBlank() || request.name().length() > 100) {
      throw new IllegalArgumentException(
          "name: the message name the flow waits for, 1 to 100 characters");
    }
    if (ReservedMessageNames.reserved(request.name())) {
      throw new ReservedMessageNames.Refused(request.name());
    }
    if (!inbox.conversationExists(conversation.value()) && !states.flowStartsOn(request.name())) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND,
          "no conversation " + conversation + " and no flow starts on " + request.name());
    }
    String id =
        request.id() != null
            ? request.id()
            : idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
    if (id.length() > 100) {
      throw new IllegalArgumentException("id: at most 100 characters");
    }
    boolean stored =
        mailbox.enqueueEvent(
            conversation,
            request.name(),
            id,
            request.variables() == null ? Map.of() : request.variables());
    return ResponseEntity.accepted()
        .body(new EventAccepted(id, conversation.value(), request.name(), !stored));
  }

  @RequiresScope(Scope.CONVERSATIONS_READ)
  @GetMapping("/{key}")
  ConversationView show(@PathVariable String key, @RequestParam(defaultValue = "50") int limit) {
    ConversationKey conversation = ConversationKey.fromOutside(key);
    if (!inbox.conversationExists(conversation.value())) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no conversation " + conversation);
    }
    ConversationStates.Live live = states.live(conversation.value()).orElse(null);
    return new ConversationView(
        conversation.value(),
        conversation.phoneNumberId(),
        conversation.waId(),
        live != null,
        live,
        transcript.latest(conversation.value(), Math.max(1, Math.min(limit, 500))));
  }
}
