package app.wasla.crm;

import app.wasla.conversation.ConversationKey;
import app.wasla.security.RequiresScope;
import app.wasla.security.Scope;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/customers}: search, profile with tags, paged history, edits, manual tags and erasure.
 * A customer is addressed by its key {@code <phone_number_id>:<wa_id>}. Authentication of {@code
 * /api/**} is not done here.
 */
@RestController
@RequestMapping("/api/customers")
class CustomerController {

  static final URI BAD_REQUEST = URI.create("https://wasla.app/problems/invalid-customer-request");

  /** Body of PATCH: each field optional; an attribute with a null value is removed. */
  record ProfileEdit(String name, String preferredLanguage, Map<String, String> attributes) {}

  /**
   * Body of PUT .../consent: marketing consent captured outside WhatsApp ({@code optIn} true, with
   * its {@code source}) or withdrawn there; {@code at} defaults to now.
   */
  record ConsentRequest(Boolean optIn, String source, java.time.Instant at) {}

  /** Body of POST .../tags. */
  record TagRequest(String tag, String by) {}

  private final CustomerMemory memory;

  CustomerController(CustomerMemory memory) {
    this.memory = memory;
  }

  @RequiresScope(Scope.CUSTOMERS_READ)
  @GetMapping
  Page<CustomerProfile> search(
      @RequestParam(required = false) String tag,
      @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return memory.search(tag, q, page, size);
  }

  @RequiresScope(Scope.CUSTOMERS_READ)
  @GetMapping("/{customerKey}")
  CustomerProfile profile(@PathVariable String customerKey) {
    String key = key(customerKey);
    return memory.find(key).orElseThrow(() -> new CustomerNotFoundException(key));
  }

  @RequiresScope(Scope.CUSTOMERS_READ)
  @GetMapping("/{customerKey}/history")
  Page<HistoryEntry> history(
      @PathVariable String customerKey,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    profile(customerKey);
    return memory.history(key(customerKey), page, size);
  }

  @RequiresScope(Scope.CUSTOMERS_WRITE)
  @PatchMapping("/{customerKey}")
  CustomerProfile update(@PathVariable String customerKey, @RequestBody ProfileEdit edit) {
    return memory.update(
        key(customerKey),
        blankToNull(edit.name()),
        blankToNull(edit.preferredLanguage()),
        edit.attributes());
  }

  @RequiresScope(Scope.CUSTOMERS_WRITE)
  @org.springframework.web.bind.annotation.PutMapping("/{customerKey}/consent")
  CustomerProfile consent(@PathVariable String customerKey, @RequestBody ConsentRequest request) {
    if (request.optIn() == null) {
      throw new IllegalArgumentException(
          "optIn: true (the customer agreed to marketing; give the source) or false (withdrawn)");
    }
    return memory.recordMarketingConsent(
        key(customerKey), request.optIn(), blankToNull(request.source()), request.at());
  }

  @RequiresScope(Scope.CUSTOMERS_WRITE)
  @PostMapping("/{customerKey}/tags")
  CustomerProfile tag(@PathVariable String customerKey, @RequestBody TagRequest request) {
    return memory.tag(key(customerKey), request.tag(), request.by());
  }

  @RequiresScope(Scope.CUSTOMERS_WRITE)
  @DeleteMapping("/{customerKey}/tags/{tag}")
  CustomerProfile untag(@PathVariable String customerKey, @PathVariable String tag) {
    return memory.untag(key(customerKey), tag);
  }

  @RequiresScope(Scope.CUSTOMERS_WRITE)
  @DeleteMapping("/{customerKey}")
  Map<String, Object> erase(@PathVariable String customerKey) {
    return memory.erase(key(customerKey));
  }

  /**
   * Digits only, as the webhook stores it: a '+' or '-' variant must not name a second,
   * consent-free customer. An erased customer's pseudonym ({@code erased:<32 hex>}) is taken as it
   * is.
   */
  private static String key(String customerKey) {
    if (Pseudonyms.isPseudonym(customerKey) && customerKey.matches("erased:[0-9a-f]{32}")) {
      return customerKey;
    }
    return ConversationKey.fromOutside(customerKey).value();
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail invalid(IllegalArgumentException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    p.setType(BAD_REQUEST);
    p.setTitle("Invalid customer request");
    return p;
  }

  @ExceptionHandler(ConsentSupersededException.class)
  ProblemDetail superseded(ConsentSupersededException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    p.setType(java.net.URI.create("https://wasla.app/problems/consent-superseded"));
    p.setTitle("A later consent stands");
    return p;
  }

  /**
   * A turn of the conversation ran while the erasure deleted it: nothing was erased, asking again
   * works.
   */
  @ExceptionHandler(org.camunda.bpm.engine.OptimisticLockingException.class)
  ProblemDetail busy(org.camunda.bpm.engine.OptimisticLockingException e) {
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT,
            "The customer's conversation changed meanwhile; nothing was erased. Try again.");
    p.setTitle("Customer busy");
    return p;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
