package app.wasla.reports;

import app.wasla.campaign.Campaign;
import app.wasla.campaign.CampaignConflictException;
import app.wasla.campaign.CampaignNotFoundException;
import app.wasla.campaign.CampaignProperties;
import app.wasla.campaign.CampaignResults;
import app.wasla.campaign.Campaigns;
import app.wasla.channel.whatsapp.WhatsAppProperties;
import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.TemplateCategory;
import app.wasla.crm.CustomerDirectory;
import app.wasla.crm.MarketingAudience;
import app.wasla.handoff.AgentCaller;
import app.wasla.notification.TemplateCatalogue;
import app.wasla.notification.WhatsAppTemplate;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The owner's campaigns page ({@code /campaigns}) and its JSON ({@code /campaigns/api/...}): the
 * campaigns with their figures, one campaign's results per recipient, pause, resume and cancel, and
 * a new campaign. For the dashboard's users (OwnerAccess: supervisors and admins, the Camunda
 * session with its CSRF token on changes, or HTTP Basic); every answer goes through the campaign
 * engine's services ({@link Campaigns}, {@link CampaignResults}), which own the SQL.
 */
@RestController
class CampaignPageController {

  private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");
  private static final String PAGE = "The campaigns page";

  /** The recipients' filters: an outcome of the engine, or what happened after the send. */
  static final Set<String> STATES =
      Set.of(
          "queued",
          "sent",
          "delivered",
          "read",
          "failed",
          "replied",
          "opted_out",
          "skipped",
          "cancelled");

  /**
   * A parameter filled with the same text for everyone. The engine maps each parameter to a CRM
   * field with a fallback; an attribute no customer has makes the fallback the text.
   */
  static final String FIXED_TEXT_FIELD = "attribute:wasla.fixed-text";

  private final OwnerAccess access;
  private final Campaigns campaigns;
  private final CampaignResults results;
  private final CustomerDirectory customers;
  private final MarketingAudience audiences;
  private final TemplateCatalogue templates;
  private final CampaignProperties campaignProps;
  private final WhatsAppProperties whatsapp;
  private final app.wasla.campaign.CampaignRequests requests;

  CampaignPageController(
      OwnerAccess access,
      Campaigns campaigns,
      CampaignResults results,
      CustomerDirectory customers,
      MarketingAudience audiences,
      TemplateCatalogue templates,
      CampaignProperties campaignProps,
      WhatsAppProperties whatsapp,
      app.wasla.campaign.CampaignRequests requests) {
    this.requests = requests;
    this.campaignProps = campaignProps;
    this.whatsapp = whatsapp;
    this.access = access;
    this.campaigns = campaigns;
    this.results = results;
    this.customers = customers;
    this.audiences = audiences;
    this.templates = templates;
  }

  @GetMapping(
      value = {"/campaigns", "/campaigns/"},
      produces = "text/html;charset=UTF-8")
  ResponseEntity<String> page(HttpServletRequest request) throws IOException {
    Optional<OwnerAccess.Refusal> refusal = access.refusal(request, PAGE);
    if (refusal.isPresent()) {
      return ResponseEntity.status(refusal.get().status())
          .contentType(HTML)
          .body(refusalPage(refusal.get(), request.getContextPath(), access.supervisorGroup()));
    }
    return ResponseEntity.ok()
        .contentType(HTML)
        .header("Cache-Control", "no-store")
        .body(resource("campaigns/index.html"));
  }

  @GetMapping(value = "/campaigns/campaigns.js", produces = "text/javascript;charset=UTF-8")
  String script() throws IOException {
    return resource("campaigns/campaigns.js");
  }

  @GetMapping(value = "/campaigns/campaigns.css", produces = "text/css;charset=UTF-8")
  String style() throws IOException {
    return resource("campaigns/campaigns.css");
  }

  /** Who is signed in, and the webapp's CSRF token the page sends with its changes. */
  @GetMapping("/campaigns/api/me")
  ResponseEntity<?> me(HttpServletRequest request) {
    return allowed(
        request,
        () -> {
          Map<String, Object> me = new LinkedHashMap<>();
          me.put("userId", AgentCaller.sessionUser(request).orElse(null));
          HttpSession session = request.getSession(false);
          Object token =
              session == null
                  ? null
                  : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
          if (token instanceof String t) {
            me.put("csrfToken", t);
          }
          me.put("phoneNumberId", defaultNumber());
          me.put("maxRatePerSecond", campaignProps.ratePerSecond());
          me.put("fixedTextField", FIXED_TEXT_FIELD);
          return me;
        });
  }

  /** The campaigns, newest first, each with its figures. */
  @GetMapping("/campaigns/api/campaigns")
  ResponseEntity<?> list(
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size,
      HttpServletRequest request) {
    return allowed(
        request,
        () -> {
          List<Map<String, Object>> rows = new ArrayList<>();
          for (Campaign c : campaigns.list(page, size)) {
            rows.add(row(c, results.summary(c)));
          }
          return Map.of("page", Math.max(0, page), "items", rows);
        });
  }

  /** One campaign: as stored, its figures (the engine's summary) and the list's row. */
  @GetMapping("/campaigns/api/campaigns/{id}")
  ResponseEntity<?> show(@PathVariable String id, HttpServletRequest request) {
    return allowed(
        request,
        () -> {
          Campaign c = campaigns.find(id);
          CampaignResults.Summary summary = results.summary(c);
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("campaign", c);
          answer.put("row", row(c, summary));
          answer.put("results", summary);
          return answer;
        });
  }

  /**
   * One stage's recipients, a page at a time, optionally only those in one state (see {@link
   * #STATES}); each with the CRM's name and the number masked.
   */
  @GetMapping("/campaigns/api/campaigns/{id}/recipients")
  ResponseEntity<?> recipients(
      @PathVariable String id,
      @RequestParam(required = false) String state,
      @RequestParam(defaultValue = "INITIAL") String stage,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "25") int size,
      HttpServletRequest request) {
    return allowed(
        request,
        () -> {
          Campaign.Stage s = stage(stage);
          String wanted = state == null || state.isBlank() || state.equals("all") ? null : state;
          if (wanted != null && !STATES.contains(wanted)) {
            throw new IllegalArgumentException(
                "state: one of all, queued, sent, delivered, read, failed, replied, opted_out");
          }
          int p = Math.max(0, page);
          int n = Math.max(1, Math.min(200, size));
          Campaign c = campaigns.find(id);
          List<CampaignResults.RecipientResult> items;
          long total;
          if (wanted == null) {
            CampaignResults.RecipientPage one = results.recipients(c, s, p, n);
            items = one.items();
            total = one.total();
          } else {
            // the engine pages by place in the audience; a state is known only once its results
            // are read, so the stage is read page by page and filtered here
            List<CampaignResults.RecipientResult> matching = new ArrayList<>();
            Predicate<CampaignResults.RecipientResult> filter = inState(wanted);
            for (int at = 0; ; at++) {
              CampaignResults.RecipientPage chunk = results.recipients(c, s, at, 200);
              chunk.items().stream().filter(filter).forEach(matching::add);
              if ((long) (at + 1) * 200 >= chunk.total() || chunk.items().isEmpty()) {
                break;
              }
            }
            total = matching.size();
            int from = (int) Math.min((long) p * n, matching.size());
            items = matching.subList(from, Math.min(from + n, matching.size()));
          }
          Map<String, CustomerDirectory.Card> cards =
              customers.cards(
                  items.stream().map(CampaignResults.RecipientResult::customerKey).toList());
          List<Map<String, Object>> rows = new ArrayList<>();
          for (CampaignResults.RecipientResult r : items) {
            CustomerDirectory.Card card = cards.get(r.customerKey());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("customer", ConversationKey.mask(r.customerKey()));
            row.put("name", card == null ? null : card.name());
            row.put("outcome", r.outcome());
            row.put("sentAt", r.sentAt());
            row.put("statusAt", r.statusAt());
            row.put("errorCode", r.errorCode());
            row.put("error", r.error());
            row.put("repliedAt", r.repliedAt());
            row.put("optedOutAt", r.optedOutAt());
            row.put("orders", r.orders());
            row.put("revenueEgp", r.revenueEgp());
            rows.add(row);
          }
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("campaignId", c.id());
          answer.put("stage", s.name());
          answer.put("state", wanted == null ? "all" : wanted);
          answer.put("page", p);
          answer.put("size", n);
          answer.put("total", total);
          answer.put("items", rows);
          return answer;
        });
  }

  @PostMapping("/campaigns/api/campaigns/{id}/start")
  ResponseEntity<?> start(@PathVariable String id, HttpServletRequest request) {
    return allowed(request, () -> campaigns.start(id));
  }

  @PostMapping("/campaigns/api/campaigns/{id}/pause")
  ResponseEntity<?> pause(@PathVariable String id, HttpServletRequest request) {
    return allowed(request, () -> campaigns.pause(id));
  }

  @PostMapping("/campaigns/api/campaigns/{id}/resume")
  ResponseEntity<?> resume(@PathVariable String id, HttpServletRequest request) {
    return allowed(request, () -> campaigns.resume(id));
  }

  @PostMapping("/campaigns/api/campaigns/{id}/cancel")
  ResponseEntity<?> cancel(@PathVariable String id, HttpServletRequest request) {
    return allowed(request, () -> campaigns.cancel(id));
  }

  /** The catalogue's approved marketing templates, each with its number of body parameters. */
  @GetMapping("/campaigns/api/templates")
  ResponseEntity<?> marketingTemplates(HttpServletRequest request) {
    return allowed(
        request,
        () ->
            templates.all().stream()
                .filter(t -> t.category() == TemplateCategory.MARKETING && t.approved())
                .map(CampaignPageController::template)
                .toList());
  }

  /**
   * The audience the filters select now: how many match, how many marketing may reach (opted in,
   * not opted out), and five of them masked. Read by the CRM's {@link MarketingAudience}, as the
   * engine selects it.
   */
  @PostMapping("/campaigns/api/audience")
  ResponseEntity<?> audience(
      @RequestBody(required = false) Campaigns.CreateRequest draft, HttpServletRequest request) {
    return allowed(
        request,
        () -> {
          Campaign.Audience a =
              draft == null || draft.audience() == null
                  ? new Campaign.Audience(null, null, null, null, null, null, null)
                  : draft.audience();
          MarketingAudience.Filter filter =
              new MarketingAudience.Filter(
                  phoneNumberId(draft == null ? null : draft.phoneNumberId()),
                  a.tags(),
                  a.languages(),
                  a.lastOrderAfter(),
                  a.lastOrderBefore(),
                  a.minTotalSpend(),
                  a.maxTotalSpend(),
                  a.cities());
          MarketingAudience.Count count = audiences.count(filter);
          List<Map<String, Object>> sample = new ArrayList<>();
          for (MarketingAudience.Member m : audiences.members(filter, 5)) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("customer", ConversationKey.mask(m.customerKey()));
            one.put("name", firstName(m.name()));
            one.put("language", m.preferredLanguage());
            sample.add(one);
          }
          return Map.of(
              "matching",
              count.matching(),
              "reachable",
              count.reachable(),
              "atWeeklyCap",
              campaigns.atWeeklyCap(filter),
              "sample",
              sample);
        });
  }

  /** A new campaign (the engine's draft), started at once when asked. */
  @PostMapping("/campaigns/api/campaigns")
  ResponseEntity<?> create(
      @RequestBody com.fasterxml.jackson.databind.JsonNode body,
      @org.springframework.web.bind.annotation.RequestHeader(
              value = "Idempotency-Key",
              required = false)
          String idempotencyKey,
      HttpServletRequest request) {
    Optional<OwnerAccess.Refusal> refusal = access.refusal(request, PAGE);
    if (refusal.isPresent()) {
      return problem(refusal.get().status(), refusal.get().reason());
    }
    if (body == null || !body.path("campaign").isObject()) {
      throw new IllegalArgumentException("campaign: the campaign to create");
    }
    Campaigns.CreateRequest definition = requests.read(body.get("campaign"));
    boolean start = body.path("start").asBoolean(false);
    // a double-clicked Create sends one key twice: the second gets the first's campaign
    String key =
        idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200
            ? null
            : "page:" + access.userId(request) + ":" + idempotencyKey.strip();
    if (key != null) {
      Optional<Campaign> earlier = campaigns.createdWith(key);
      if (earlier.isPresent()) {
        return ResponseEntity.ok(earlier.get());
      }
    }
    Campaign c;
    try {
      c = campaigns.create(definition, key);
    } catch (org.springframework.dao.DuplicateKeyException raced) {
      return ResponseEntity.ok(campaigns.createdWith(key).orElseThrow(() -> raced));
    }
    if (start) {
      c = campaigns.start(c.id());
    }
    return ResponseEntity.created(URI.create("/campaigns/api/campaigns/" + c.id())).body(c);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> invalid(IllegalArgumentException e) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(CampaignNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(CampaignNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(CampaignConflictException.class)
  ResponseEntity<ProblemDetail> conflict(CampaignConflictException e) {
    return problem(HttpStatus.CONFLICT, e.getMessage());
  }

  private ResponseEntity<?> allowed(
      HttpServletRequest request, java.util.function.Supplier<Object> answer) {
    Optional<OwnerAccess.Refusal> refusal = access.refusal(request, PAGE);
    if (refusal.isPresent()) {
      return problem(refusal.get().status(), refusal.get().reason());
    }
    return ResponseEntity.ok().header("Cache-Control", "no-store").body(answer.get());
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(status, detail));
  }

  /** The list's row: the campaign's figures as the engine's summary has them. */
  private static Map<String, Object> row(Campaign c, CampaignResults.Summary s) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", c.id());
    row.put("name", c.name());
    row.put("template", c.template());
    row.put("language", c.language());
    row.put("status", c.status().name());
    row.put("createdAt", c.createdAt());
    row.put("startAt", c.startAt());
    row.put("startedAt", c.startedAt());
    row.put("finishedAt", c.finishedAt());
    row.put("ratePerSecond", c.ratePerSecond());
    row.put("audience", s.recipients());
    row.put("sent", s.sent());
    row.put("delivered", s.delivered());
    row.put("read", s.read());
    row.put("replied", s.initial().replied());
    row.put("failed", s.failed());
    row.put("optedOut", s.initial().optedOut());
    row.put("queued", s.initial().queued());
    row.put("orders", s.attribution().orders());
    row.put("revenueEgp", s.attribution().revenueEgp());
    row.put("rates", s.rates());
    return row;
  }

  private static Predicate<CampaignResults.RecipientResult> inState(String state) {
    return switch (state) {
      case "replied" -> r -> r.repliedAt() != null;
      case "opted_out" -> r -> r.optedOutAt() != null || "skipped_opted_out".equals(r.outcome());
      case "skipped" -> r -> r.outcome().startsWith("skipped_");
      default -> r -> state.equals(r.outcome());
    };
  }

  private static Campaign.Stage stage(String stage) {
    try {
      return Campaign.Stage.valueOf(stage.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("stage: INITIAL or REMINDER");
    }
  }

  private static Map<String, Object> template(WhatsAppTemplate t) {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("name", t.name());
    one.put("language", t.language());
    one.put("parameters", t.parameterCount());
    one.put("parameterNames", t.parameterNames());
    one.put("header", t.header());
    one.put("buttons", t.buttons());
    return one;
  }

  /** The number a campaign that names none sends from, as the engine picks it; or null. */
  private String defaultNumber() {
    String number = campaignProps.phoneNumberId();
    if ((number == null || number.isBlank()) && whatsapp.sandbox()) {
      number = whatsapp.sandboxPhoneNumberId();
    }
    return number == null || number.isBlank() ? null : number.strip();
  }

  private String phoneNumberId(String given) {
    String number = given == null || given.isBlank() ? defaultNumber() : given.strip();
    if (number == null || !number.matches("[0-9]{1,64}")) {
      throw new IllegalArgumentException(
          "phoneNumberId: the business number to send from (digits), or set"
              + " wasla.campaigns.phone-number-id");
    }
    return number;
  }

  /** A sample shows who would get it, not the list: first name only. */
  private static String firstName(String name) {
    return name == null || name.isBlank() ? null : name.strip().split("\\s+")[0];
  }

  private static String refusalPage(OwnerAccess.Refusal refusal, String contextPath, String group) {
    boolean login = refusal.status() == HttpStatus.UNAUTHORIZED;
    String title = login ? "Sign in to see the campaigns" : "The campaigns page is not for you";
    String titleAr = login ? "سجّل الدخول لعرض الحملات" : "صفحة الحملات ليست متاحة لك";
    String body =
        login
            ? "<p>Marketing campaigns are for supervisors and admins. Sign in with your Camunda user"
                + " at <a id=\"login\" href=\""
                + contextPath
                + "/camunda/app/welcome/default/\">the Camunda login</a>, then come back to <a"
                + " href=\""
                + contextPath
                + "/campaigns\">/campaigns</a>. (API clients: an API key with the scope"
                + " campaigns:read on /api/campaigns.)</p>"
                + "<p dir=\"rtl\" lang=\"ar\">الحملات التسويقية للمشرفين والمديرين. سجّل الدخول"
                + " بمستخدم Camunda من صفحة الدخول ثم ارجع إلى /campaigns.</p>"
            : "<p>"
                + escape(refusal.reason())
                + "</p><p dir=\"rtl\" lang=\"ar\">الحملات التسويقية للمشرفين والمديرين فقط. اطلب من"
                + " المدير إضافتك إلى مجموعة "
                + escape(group)
                + ".</p><p><a href=\""
                + contextPath
                + "/camunda/app/tasklist/\">Back to Tasklist</a></p>";
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + title
        + " — Wasla</title><link rel=\"stylesheet\" href=\""
        + contextPath
        + "/dashboard/dashboard.css\"></head><body class=\"refusal\"><main><h1 id=\"refusal\">"
        + title
        + "</h1><h2 dir=\"rtl\" lang=\"ar\">"
        + titleAr
        + "</h2>"
        + body
        + "</main></body></html>";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = new ClassPathResource(path).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
