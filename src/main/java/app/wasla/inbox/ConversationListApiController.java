package app.wasla.inbox;

import app.wasla.security.RequiresScope;
import app.wasla.security.Scope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/conversations}: the owner's list for external systems with an API key (scope
 * {@code conversations:read}); the same items, filters and paging as the inbox page, every
 * conversation.
 */
@RestController
class ConversationListApiController {

  private final InboxService inbox;

  ConversationListApiController(InboxService inbox) {
    this.inbox = inbox;
  }

  @RequiresScope(Scope.CONVERSATIONS_READ)
  @GetMapping("/api/conversations")
  InboxService.Page list(
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String tag,
      @RequestParam(required = false) String agent,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = "50") int limit) {
    return inbox.page(
        null,
        new InboxService.Filter(InboxState.parse(state).orElse(null), tag, agent, q),
        cursor,
        limit);
  }

  @RequiresScope(Scope.CONVERSATIONS_READ)
  @GetMapping("/api/conversations/changes")
  InboxService.Changes changes(
      @RequestParam String since,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String tag,
      @RequestParam(required = false) String agent,
      @RequestParam(required = false) String q) {
    return inbox.changes(
        null, new InboxService.Filter(InboxState.parse(state).orElse(null), tag, agent, q), since);
  }
}
