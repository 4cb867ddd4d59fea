package app.wasla.api;

import app.wasla.channel.whatsapp.BusinessNumbers;
import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.ConversationOwners;
import app.wasla.conversation.OutboundMessages;
import app.wasla.conversation.TemplateCategories;
import app.wasla.conversation.TemplateCategory;
import app.wasla.notification.TemplateCatalogue;
import app.wasla.security.RequiresScope;
import app.wasla.security.Scope;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Sends a WhatsApp text or template to a customer outside any flow (a shipping notice), through the
 * same idempotent outbound path as the flows: the same {@code Idempotency-Key} twice sends once.
 */
@RestController
class MessageApiController {

  /** Either {@code text} or {@code template}. {@code to} is the conversation key. */
  record MessageRequest(String to, String text, TemplateRequest template) {}

  /**
   * {@code category} can only make a template stricter: a template is UTILITY or AUTHENTICATION
   * only if the operator declared it so ({@link TemplateCategories}); anything else is MARKETING,
   * which a customer who opted out does not get (409), whatever the caller says.
   */
  record TemplateRequest(
      String name,
      String language,
      List<String> parameters,
      Map<String, String> namedParameters,
      HeaderRequest header,
      List<ButtonRequest> buttons,
      String category) {}

  /** The header's parameter: text, image, video, document or location (see the API docs). */
  record HeaderRequest(
      String type,
      String text,
      String link,
      String mediaId,
      String filename,
      Double latitude,
      Double longitude,
      String name,
      String address) {}

  /**
   * A button's parameter: its index in the template, the text (a URL suffix, a payload, a coupon
   * code) and, optionally, its type (url, quick_reply, copy_code), read from the template list.
   */
  record ButtonRequest(Integer index, String type, String text) {}

  record MessageSent(String wamid, String to, String idempotencyKey) {}

  private final OutboundMessages outbound;
  private final TemplateCategories categories;
  private final TemplateCatalogue templates;
  private final ConversationOwners owners;
  private final BusinessNumbers numbers;

  MessageApiController(
      OutboundMessages outbound,
      TemplateCategories categories,
      TemplateCatalogue templates,
      ConversationOwners owners,
      BusinessNumbers numbers) {
    this.numbers = numbers;
    this.outbound = outbound;
    this.categories = categories;
    this.templates = templates;
    this.owners = owners;
  }

  /** A caller can make a template stricter (MARKETING), never looser than Meta's category. */
  private static TemplateCategory stricter(TemplateCategory known, String callerCategory) {
    return callerCategory != null
            && TemplateCategory.of(callerCategory) == TemplateCategory.MARKETING
        ? TemplateCategory.MARKETING
        : known;
  }

  private static OutboundMessage.Template template(TemplateRequest t) {
    OutboundMessage.Template.Header header = null;
    if (t.header() != null) {
      HeaderRequest h = t.header();
      header =
          new OutboundMessage.Template.Header(
              h.type(),
              h.text(),
              null,
              h.link(),
              h.mediaId(),
              h.filename(),
              h.latitude(),
              h.longitude(),
              h.name(),
              h.address());
    }
    List<OutboundMessage.Template.Button> buttons = new ArrayList<>();
    if (t.buttons() != null) {
      for (int i = 0; i < t.buttons().size(); i++) {
        ButtonRequest b = t.buttons().get(i);
        if (b == null || b.index() == null) {
          throw new IllegalArgumentException(
              "template.buttons[" + i + "].index: the button's place in the template, from 0");
        }
        buttons.add(new OutboundMessage.Template.Button(b.index(), b.type(), b.text()));
      }
    }
    return new OutboundMessage.Template(
        t.name(),
        t.language() == null ? "ar" : t.language(),
        t.parameters() == null ? List.of() : t.parameters(),
        t.namedParameters(),
        header,
        buttons);
  }

  @RequiresScope(Scope.MESSAGES_SEND)
  @PostMapping("/api/messages")
  ResponseEntity<MessageSent> send(
      @RequestBody MessageRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      HttpServletRequest http) {
    if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 100) {
      throw new IllegalArgumentException(
          "the Idempotency-Key header is required (1 to 100 characters)");
    }
    if (request.to() == null) {
      throw new IllegalArgumentException("to: the conversation key <phone_number_id>:<wa_id>");
    }
    ConversationKey to = ConversationKey.fromOutside(request.to());
    numbers.require("to", to.phoneNumberId());
    OutboundMessage message;
    TemplateCategory category = TemplateCategory.MARKETING;
    if (request.text() != null && request.template() == null) {
      message = OutboundMessage.Text.of(request.text());
    } else if (request.template() != null && request.text() == null) {
      TemplateRequest t = request.template();
      TemplateCatalogue.Checked checked = templates.check(template(t));
      message = checked.message();
      // Meta's own category when the template list is known; the configured one otherwise
      category =
          checked
              .known()
              .map(known -> stricter(known.category(), t.category()))
              .orElseGet(() -> categories.effective(t.name(), t.category()));
    } else {
      throw new IllegalArgumentException("give either text or template");
    }
    // One voice: while an agent owns the customer's open handoff, only notices (utility and
    // authentication templates) go out beside her
    if ((category == TemplateCategory.MARKETING) && owners.personInCharge(to).isPresent()) {
      throw new ResponseStatusException(
          HttpStatus.CONFLICT,
          "a person is answering this customer in an open handoff: a text or marketing template"
              + " from the API would be a second voice. Send a UTILITY or AUTHENTICATION template"
              + " (a notice), or try again when the handoff has ended");
    }
    // Scoped per caller so that two systems cannot collide on the same Idempotency-Key.
    String key = "api:" + ApiPrincipal.of(http).id() + ":" + idempotencyKey;
    String wamid = outbound.send(to, message, category, key);
    return ResponseEntity.ok(new MessageSent(wamid, to.value(), idempotencyKey));
  }
}
