package app.wasla.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.campaign.CampaignApi.Answer;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import app.wasla.webhook.Subscriptions;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Campaigns in cloud mode with MockWebServer as Meta (on H2 and PostgreSQL): 60 customers of whom
 * 10 opted out get 50 templates, each once, no faster than the configured rate (the times Meta
 * received them); a STOP mid-run stops that customer's send; pause, resume and cancel; the weekly
 * cap across campaigns; a number that is not on WhatsApp (131026) is not tried again; the results
 * and the events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CampaignScenarios {

  static final WhatsAppMock META = new WhatsAppMock();
  static final String KEY = "campaign-cloud-test-key-0123456789abcdef";
  static final int RATE = 20;
  static final Duration PATIENCE = Duration.ofSeconds(60);

  @DynamicPropertySource
  static void cloud(DynamicPropertyRegistry registry) {
    META.registerCloudMode(registry);
    registry.add("wasla.api.bootstrap-key", () -> KEY);
    registry.add("wasla.api.rate-limit", () -> "100000");
    registry.add("wasla.campaigns.rate-per-second", () -> String.valueOf(RATE));
    registry.add("wasla.campaigns.max-marketing-per-week", () -> "2");
    registry.add("wasla.campaigns.retry-backoff", () -> "200ms");
    registry.add("wasla.campaigns.poll-interval", () -> "100ms");
    registry.add("wasla.whatsapp.phone-number-ids", () -> Webhooks.PHONE_NUMBER_ID);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired Subscriptions subscriptions;
  @Autowired org.camunda.bpm.engine.TaskService tasks;

  CampaignApi api;

  @BeforeEach
  void api() {
    api = new CampaignApi(port, KEY);
  }

  static String newCity() {
    return "city-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static List<WhatsAppMock.Sent> templatesTo(Collection<String> waIds) {
    Set<String> to = new HashSet<>(waIds);
    return META.sent().stream()
        .filter(s -> s.type().equals("template") && to.contains(s.to()))
        .toList();
  }

  void awaitStatus(String id, String status) {
    await().atMost(PATIENCE).until(() -> api.status(id).equals(status));
  }

  @Test
  void aCampaignsHeaderPhotoAndCouponCodeGoToEveryRecipient() {
    String city = newCity();
    List<String> customers = api.optedInCustomers(2, city);
    Map<String, Object> template = new java.util.LinkedHashMap<>();
    template.put("name", "summer_drop");
    template.put("language", "en");
    template.put("parameters", List.of(Map.of("field", "firstName", "fallback", "friend")));
    template.put("header", Map.of("type", "image", "link", "https://cdn.example/summer.jpg"));
    // no template list here (no waba-id), so the button's type is given
    template.put("buttons", List.of(Map.of("index", 1, "type", "copy_code", "text", "SUMMER25")));
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("name", "Summer drop " + city);
    body.put("phoneNumberId", Webhooks.PHONE_NUMBER_ID);
    body.put("template", template);
    body.put("audience", Map.of("cities", List.of(city)));

    Map<String, Object> ftp = new java.util.LinkedHashMap<>(body);
    Map<String, Object> ftpTemplate = new java.util.LinkedHashMap<>(template);
    ftpTemplate.put("header", Map.of("type", "image", "link", "ftp://cdn.example/summer.jpg"));
    ftp.put("template", ftpTemplate);
    Answer refused = api.call("POST", "/api/campaigns", ftp);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("detail").asText())
        .isEqualTo("template header image link must be an http(s) URL");

    String id = api.ok("POST", "/api/campaigns", body).body().path("id").asText();
    assertThat(api.campaign(id).path("header").path("link").asText())
        .isEqualTo("https://cdn.example/summer.jpg");
    api.ok("POST", "/api/campaigns/" + id + "/start", null);
    awaitStatus(id, "COMPLETED");

    List<WhatsAppMock.Sent> sent = templatesTo(customers);
    assertThat(sent).hasSize(2);
    for (WhatsAppMock.Sent s : sent) {
      JsonNode components = s.body().path("template").path("components");
      assertThat(components.path(0))
          .isEqualTo(
              api.json(
                  """
                  {"type":"header","parameters":[
                    {"type":"image","image":{"link":"https://cdn.example/summer.jpg"}}]}"""));
      assertThat(components.path(1).path("parameters").path(0).path("text").asText())
          .matches("Customer\\d+");
      assertThat(components.path(2))
          .isEqualTo(
              api.json(
                  """
                  {"type":"button","sub_type":"copy_code","index":"1","parameters":[
                    {"type":"coupon_code","coupon_code":"SUMMER25"}]}"""));
    }
  }

  /**
   * A template with named body parameters: the campaign gives each variable its CRM field by name,
   * and Meta receives them by name; both kinds at once, or a bad variable name, are refused naming
   * the field.
   */
  @Test
  void aTemplateWithNamedParametersGetsThemByName() {
    String city = newCity();
    List<String> customers = api.optedInCustomers(2, city);
    Map<String, Object> named = new java.util.LinkedHashMap<>();
    named.put("first_name", Map.of("field", "firstName", "fallback", "friend"));
    named.put("product", Map.of("field", "attribute:last_product", "fallback", "our new arrivals"));
    Map<String, Object> template = new java.util.LinkedHashMap<>();
    template.put("name", "eid_named");
    template.put("language", "en");
    template.put("namedParameters", named);
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("name", "Named " + city);
    body.put("phoneNumberId", Webhooks.PHONE_NUMBER_ID);
    body.put("template", template);
    body.put("audience", Map.of("cities", List.of(city)));

    Map<String, Object> both = new java.util.LinkedHashMap<>(template);
    both.put("parameters", List.of(Map.of("field", "firstName")));
    Map<String, Object> bothBody = new java.util.LinkedHashMap<>(body);
    bothBody.put("template", both);
    Answer refused = api.call("POST", "/api/campaigns", bothBody);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("detail").asText())
        .contains("template.parameters, template.namedParameters")
        .contains("not both");
    Map<String, Object> badName = new java.util.LinkedHashMap<>(template);
    badName.put("namedParameters", Map.of("First Name", Map.of("field", "firstName")));
    Map<String, Object> badNameBody = new java.util.LinkedHashMap<>(body);
    badNameBody.put("template", badName);
    Answer refusedName = api.call("POST", "/api/campaigns", badNameBody);
    assertThat(refusedName.status()).isEqualTo(400);
    assertThat(refusedName.body().path("detail").asText())
        .startsWith("template.namedParameters.First Name: ");

    JsonNode created = api.ok("POST", "/api/campaigns", body).body();
    assertThat(created.path("parameters").path(0).path("name").asText()).isEqualTo("first_name");
    String id = created.path("id").asText();
    api.ok("POST", "/api/campaigns/" + id + "/start", null);
    awaitStatus(id, "COMPLETED");

    List<WhatsAppMock.Sent> sent = templatesTo(customers);
    assertThat(sent).hasSize(2);
    for (WhatsAppMock.Sent s : sent) {
      JsonNode parameters = s.body().path("template").path("components").path(0).path("parameters");
      assertThat(parameters.path(0).path("parameter_name").asText()).isEqualTo("first_name");
      assertThat(parameters.path(0).path("text").asText()).matches("Customer\\d+");
      assertThat(parameters.path(1).path("parameter_name").asText()).isEqualTo("product");
      assertThat(parameters.path(1).path("text").asText()).startsWith("Abaya ");
    }
  }

  @Test
  void fiftyOfSixtyCustomersGetTheTemplateOnceAtNoMoreThanTheConfiguredRate() {
    subscriptions.create(
        "https://hooks.example.com/campaigns",
        List.of("campaign.started", "campaign.completed"),
        "campaign events",
        true);
    String city = newCity();
    List<String> customers = api.optedInCustomers(60, city);
    List<String> optedOut = customers.subList(0, 10);
    optedOut.forEach(waId -> assertThat(api.writeStop(waId)).isTrue());
    String id = api.createCampaign(city, null);

    JsonNode preview = api.ok("GET", "/api/campaigns/" + id + "/audience", null).body();
    assertThat(preview.path("matching").asLong()).isEqualTo(60);
    assertThat(preview.path("reachable").asLong()).isEqualTo(50);
    assertThat(preview.path("sample")).hasSize(10);
    JsonNode first = preview.path("sample").path(0);
    assertThat(first.path("name").asText()).matches("Customer\\d+ T\\.");
    assertThat(first.path("customer").asText()).doesNotContain(customers.get(10));
    assertThat(first.path("parameters").path(1).asText()).startsWith("Abaya ");

    assertThat(
            api.ok("POST", "/api/campaigns/" + id + "/start", null).body().path("status").asText())
        .isEqualTo("SCHEDULED");
    awaitStatus(id, "COMPLETED");

    List<WhatsAppMock.Sent> sent = templatesTo(customers);
    assertThat(sent).hasSize(50);
    assertThat(sent.stream().map(WhatsAppMock.Sent::to).distinct()).hasSize(50);
    assertThat(templatesTo(optedOut)).isEmpty();
    for (WhatsAppMock.Sent s : sent) {
      JsonNode template = s.body().path("template");
      assertThat(template.path("name").asText()).isEqualTo("spring_sale");
      assertThat(template.path("language").path("code").asText()).isEqualTo("en");
      JsonNode parameters = template.path("components").path(0).path("parameters");
      assertThat(parameters.path(0).path("text").asText()).matches("Customer\\d+");
      assertThat(parameters.path(1).path("text").asText()).matches("Abaya \\d+");
    }
    // the pace, as SendPacingTest judges it: Meta's arrival times carry the machine's scheduling
    // jitter (a stalled sender lets paced sends arrive together, as many as are in flight at once:
    // wasla.campaigns.senders, 8), so no two seconds hold more than twice the rate plus those, and
    // the run took as long as the rate asks
    List<Instant> times = sent.stream().map(WhatsAppMock.Sent::at).sorted().toList();
    int busiest = 0;
    for (int i = 0; i < times.size(); i++) {
      Instant end = times.get(i).plusSeconds(2);
      busiest =
          Math.max(busiest, (int) times.stream().skip(i).filter(t -> t.isBefore(end)).count());
    }
    assertThat(busiest).as("sends in the busiest two seconds").isLessThanOrEqualTo(2 * RATE + 8);
    assertThat(Duration.between(times.get(0), times.get(times.size() - 1)).toMillis())
        .as("%d sends at %d a second", times.size(), RATE)
        .isGreaterThanOrEqualTo((times.size() - 1 - RATE) * 1000L / RATE);

    // Meta's statuses and a reply move the results
    WhatsAppMock.Sent read = sent.get(0);
    Webhooks webhooks = new Webhooks(port);
    assertThat(webhooks.post(Webhooks.status(read.to(), read.wamid(), "delivered", Instant.now())))
        .isEqualTo(200);
    assertThat(webhooks.post(Webhooks.status(read.to(), read.wamid(), "read", Instant.now())))
        .isEqualTo(200);
    WhatsAppMock.Sent replied = sent.get(1);
    assertThat(
            webhooks.post(
                Webhooks.text(
                    replied.to(),
                    "wamid.reply." + replied.to(),
                    "is the abaya available in black?",
                    Instant.now().plusSeconds(1))))
        .isEqualTo(200);
    // the reply lands in the customer's conversation, where the persona answers it
    await()
        .atMost(PATIENCE)
        .until(() -> META.sentTo(replied.to()).stream().anyMatch(s -> s.type().equals("text")));

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              JsonNode results = api.ok("GET", "/api/campaigns/" + id + "/results", null).body();
              assertThat(results.path("recipients").asLong()).isEqualTo(50);
              assertThat(results.path("sent").asLong()).isEqualTo(50);
              assertThat(results.path("failed").asLong()).isZero();
              assertThat(results.path("read").asLong()).isEqualTo(1);
              assertThat(results.path("initial").path("replied").asLong()).isEqualTo(1);
              assertThat(results.path("rates").path("read").asDouble()).isEqualTo(0.02);
            });
    JsonNode page =
        api.ok("GET", "/api/campaigns/" + id + "/recipients?page=0&size=20", null).body();
    assertThat(page.path("total").asLong()).isEqualTo(50);
    assertThat(page.path("items")).hasSize(20);
    assertThat(page.path("items").findValuesAsText("outcome")).containsOnly("sent", "read");

    assertThat(
            jdbc.sql(
                    "SELECT event_type FROM webhook_event WHERE event_type LIKE 'campaign.%'"
                        + " AND envelope_json LIKE ?")
                .param("%" + id + "%")
                .query(String.class)
                .list())
        .containsExactlyInAnyOrder("campaign.started", "campaign.completed");
  }

  @Test
  void aCustomerWhoWritesStopMidRunGetsNothingMore() {
    String city = newCity();
    List<String> customers = api.optedInCustomers(30, city);
    String last = customers.get(customers.size() - 1);
    String id = api.createCampaign(city, 10);
    api.ok("POST", "/api/campaigns/" + id + "/start", null);
    await().atMost(PATIENCE).until(() -> templatesTo(customers).size() >= 5);
    assertThat(api.writeStop(last)).isTrue();
    awaitStatus(id, "COMPLETED");

    assertThat(templatesTo(List.of(last))).isEmpty();
    assertThat(templatesTo(customers)).hasSize(29);
    JsonNode lastRow =
        api.ok("GET", "/api/campaigns/" + id + "/recipients?page=0&size=50", null)
            .body()
            .path("items")
            .path(29);
    assertThat(lastRow.path("waId").asText()).isEqualTo(last);
    assertThat(lastRow.path("outcome").asText()).isEqualTo("skipped_opted_out");
    JsonNode results = api.ok("GET", "/api/campaigns/" + id + "/results", null).body();
    assertThat(results.path("initial").path("skippedOptedOut").asLong()).isEqualTo(1);
  }

  /**
   * "الغي الاشتراك" (cancel the subscription, in the customer's words, not the keyword) through the
   * webhook: the CRM profile is opted out, the customer is told so, and the next campaign skips
   * them; the others who got it and tap its "Show me" are shown the products, with no handoff.
   */
  @Test
  void aCustomerWhoCancelsTheSubscriptionInTheirOwnWordsIsSkippedAndAShowMeTapIsInterest() {
    String city = newCity();
    List<String> customers = api.optedInCustomers(3, city);
    String leaving = customers.get(0);
    Webhooks webhooks = new Webhooks(port);
    assertThat(
            webhooks.post(
                Webhooks.text(
                    leaving, "wamid.unsub." + leaving, "الغي الاشتراك لو سمحت", Instant.now())))
        .isEqualTo(200);
    JsonNode profile = api.ok("GET", "/api/customers/" + CampaignApi.key(leaving), null).body();
    assertThat(profile.path("marketingOptOut").asBoolean()).isTrue();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                META.sentTo(leaving).stream()
                    .anyMatch(
                        s -> s.body().path("text").path("body").asText().contains("مش هنبعتلك")));

    String id = api.createCampaign(city, null);
    api.ok("POST", "/api/campaigns/" + id + "/start", null);
    awaitStatus(id, "COMPLETED");
    assertThat(templatesTo(List.of(leaving))).isEmpty();
    // the audience of the campaign's start leaves them out already
    assertThat(templatesTo(customers)).hasSize(2);

    String staying = customers.get(1);
    int before = META.sentTo(staying).size();
    assertThat(
            webhooks.post(
                Webhooks.templateButton(
                    staying, "wamid.showme." + staying, "Show me", "Show me", Instant.now())))
        .isEqualTo(200);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                META.sentTo(staying).stream()
                    .skip(before)
                    .anyMatch(s -> s.body().toString().contains("Here's what we have right now")));
    assertThat(
            META.sentTo(staying).stream()
                .skip(before)
                .map(s -> s.body().toString())
                .filter(b -> b.contains("customer-service colleague") || b.contains("handing you"))
                .toList())
        .isEmpty();
  }

  /**
   * Customers who answer a campaign with an opt-out (its "Stop promotions" button, "وقف العروض",
   * STOP) are counted as opted out and not as replies; one who taps "Show me" is a reply.
   */
  @Test
  void anOptOutReplyCountsAsAnOptOutNotAsAReply() {
    String city = newCity();
    List<String> customers = api.optedInCustomers(4, city);
    String id =
        api.ok("POST", "/api/campaigns", newArrivalsTo(city, "Opt-outs " + city))
            .body()
            .path("id")
            .asText();
    api.ok("POST", "/api/campaigns/" + id + "/start", null);
    awaitStatus(id, "COMPLETED");
    assertThat(templatesTo(customers)).hasSize(4);

    // a second after the sends, so that WhatsApp's whole-second timestamps are after them
    Instant later = Instant.now().plusSeconds(2);
    Webhooks webhooks = new Webhooks(port);
    String button = customers.get(0);
    String arabic = customers.get(1);
    String stop = customers.get(2);
    String interested = customers.get(3);
    assertThat(
            webhooks.post(
                Webhooks.templateButton(
                    button, "wamid.oo1." + button, "Stop promotions", "Stop promotions", later)))
        .isEqualTo(200);
    assertThat(webhooks.post(Webhooks.text(arabic, "wamid.oo2." + arabic, "وقف العروض", later)))
        .isEqualTo(200);
    assertThat(webhooks.post(Webhooks.text(stop, "wamid.oo3." + stop, "STOP", later)))
        .isEqualTo(200);
    assertThat(
            webhooks.post(
                Webhooks.templateButton(
                    interested, "wamid.oo4." + interested, "Show me", "Show me", later)))
        .isEqualTo(200);

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              JsonNode results = api.ok("GET", "/api/campaigns/" + id + "/results", null).body();
              assertThat(results.path("initial").path("optedOut").asLong()).isEqualTo(3);
              assertThat(results.path("initial").path("replied").asLong()).isEqualTo(1);
              assertThat(results.path("rates").path("replied").asDouble()).isEqualTo(0.25);
              assertThat(results.path("rates").path("optedOut").asDouble()).isEqualTo(0.75);
            });
    JsonNode recipients =
        api.ok("GET", "/api/campaigns/" + id + "/recipients?stage=INITIAL", null).body();
    for (JsonNode r : recipients.path("items")) {
      boolean optedOut = !r.path("waId").asText().equals(interested);
      assertThat(r.hasNonNull("optedOutAt")).as(r.toString()).isEqualTo(optedOut);
      assertThat(r.hasNonNull("repliedAt")).as(r.toString()).isEqualTo(!optedOut);
    }
  }

  @Test
  void aCampaignIsPausedResumedAndCancelled() throws InterruptedException {
    subscriptions.create(
        "https://hooks.example.com/campaign-changes",
        List.of("campaign.paused", "campaign.resumed", "campaign.cancelled"),
        "campaign changes",
        true);
    String city = newCity();
    List<String> customers = api.optedInCustomers(40, city);
    String id = api.createCampaign(city, 5);
    api.ok("POST", "/api/campaigns/" + id + "/start", null);
    await().atMost(PATIENCE).until(() -> templatesTo(customers).size() >= 3);

    assertThat(
            api.ok("POST", "/api/campaigns/" + id + "/pause", null).body().path("status").asText())
        .isEqualTo("PAUSED");
    Thread.sleep(500); // a send already handed to Meta finishes
    int paused = templatesTo(customers).size();
    Thread.sleep(1500);
    assertThat(templatesTo(customers)).as("nothing sent while paused").hasSize(paused);

    assertThat(
            api.ok("POST", "/api/campaigns/" + id + "/resume", null).body().path("status").asText())
        .isEqualTo("SENDING");
    await().atMost(PATIENCE).until(() -> templatesTo(customers).size() >= paused + 3);

    assertThat(
            api.ok("POST", "/api/campaigns/" + id + "/cancel", null).body().path("status").asText())
        .isEqualTo("CANCELLED");
    Thread.sleep(500);
    int cancelled = templatesTo(customers).size();
    Thread.sleep(1500);
    assertThat(templatesTo(customers)).as("nothing sent after the cancel").hasSize(cancelled);
    assertThat(cancelled).isLessThan(40);
    assertThat(templatesTo(customers).stream().map(WhatsAppMock.Sent::to).distinct())
        .hasSize(cancelled);

    Answer again = api.call("POST", "/api/campaigns/" + id + "/pause", null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().path("type").asText()).endsWith("/campaign-state");
    JsonNode results = api.ok("GET", "/api/campaigns/" + id + "/results", null).body();
    assertThat(results.path("initial").path("cancelled").asLong()).isEqualTo(40 - cancelled);
    assertThat(
            jdbc.sql(
                    "SELECT event_type FROM webhook_event WHERE event_type LIKE 'campaign.%'"
                        + " AND envelope_json LIKE ?")
                .param("%" + id + "%")
                .query(String.class)
                .list())
        .containsExactlyInAnyOrder("campaign.paused", "campaign.resumed", "campaign.cancelled");
  }

  @Test
  void noCustomerGetsMoreMarketingMessagesAWeekThanTheCap() {
    String city = newCity();
    List<String> customers = api.optedInCustomers(3, city);
    for (int run = 0; run < 3; run++) {
      String id = api.createCampaign(city, null);
      api.ok("POST", "/api/campaigns/" + id + "/start", null);
      awaitStatus(id, "COMPLETED");
      JsonNode initial =
          api.ok("GET", "/api/campaigns/" + id + "/results", null).body().path("initial");
      if (run < 2) {
        assertThat(initial.path("sent").asLong()).isEqualTo(3);
      } else {
        assertThat(
                api.ok("GET", "/api/campaigns/" + id + "/audience", null)
                    .body()
                    .path("atWeeklyCap")
                    .asLong())
            .as("the preview says who the cap will skip")
            .isEqualTo(3);
        assertThat(initial.path("skippedCap").asLong()).isEqualTo(3);
        assertThat(initial.path("sent").asLong()).isZero();
      }
    }
    assertThat(templatesTo(customers)).hasSize(6);
  }

  @Test
  void aCreateRetriedWithItsIdempotencyKeyMakesOneCampaign() {
    String city = newCity();
    api.optedInCustomers(1, city);
    Map<String, Object> body = newArrivalsTo(city, "Twice " + city);
    Answer first = api.call("POST", "/api/campaigns", body, "create-" + city);
    Answer again = api.call("POST", "/api/campaigns", body, "create-" + city);
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("id").asText()).isEqualTo(first.body().path("id").asText());
    Answer other = api.call("POST", "/api/campaigns", body, "create-other-" + city);
    assertThat(other.status()).isEqualTo(201);
    assertThat(other.body().path("id").asText()).isNotEqualTo(first.body().path("id").asText());
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM campaign WHERE name = ?")
                .param("Twice " + city)
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void aMisspeltOrImpossibleDefinitionIsRefusedNamingTheField() {
    String city = newCity();
    Map<String, Object> good = newArrivalsTo(city, "Checked " + city);

    Map<String, Object> misspelt = new java.util.LinkedHashMap<>(good);
    misspelt.remove("audience");
    misspelt.put("audiance", Map.of("tags", List.of("vip")));
    assertRefused(misspelt, "unknown field 'audiance'");
    Map<String, Object> filter = new java.util.LinkedHashMap<>(good);
    filter.put("audience", Map.of("city", "Luxor"));
    assertRefused(filter, "audience: unknown field 'city'");
    Map<String, Object> startsAt = new java.util.LinkedHashMap<>(good);
    startsAt.put("startsAt", "2026-12-24T08:00:00Z");
    assertRefused(startsAt, "unknown field 'startsAt'");
    Map<String, Object> notATime = new java.util.LinkedHashMap<>(good);
    notATime.put("startAt", "tomorrow");
    assertRefused(notATime, "startAt: not a time");
    Map<String, Object> past = new java.util.LinkedHashMap<>(good);
    past.put("startAt", "2026-01-01T00:00:00Z");
    assertRefused(past, "in the past");
    Map<String, Object> language = new java.util.LinkedHashMap<>(good);
    language.put("audience", Map.of("languages", List.of("Arabic")));
    assertRefused(language, "audience.languages");
    Map<String, Object> spend = new java.util.LinkedHashMap<>(good);
    spend.put("audience", Map.of("minTotalSpend", 5000, "maxTotalSpend", 100));
    assertRefused(spend, "minTotalSpend is above maxTotalSpend");
    Answer notJson = api.call("POST", "/api/campaigns", "{not json");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM campaign WHERE name = ?")
                .param("Checked " + city)
                .query(Long.class)
                .single())
        .as("nothing kept")
        .isZero();
    assertThat(api.call("POST", "/api/campaigns", good).status()).isEqualTo(201);
  }

  @Test
  void aCampaignFromANumberTheBusinessDoesNotHaveIsRefused() {
    Map<String, Object> body = newArrivalsTo(newCity(), "Foreign number");
    body.put("phoneNumberId", "109876543299999");
    Answer refused = api.call("POST", "/api/campaigns", body);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("detail").asText())
        .isEqualTo(
            "phoneNumberId: 109876543299999 is not one of the business's WhatsApp numbers ("
                + Webhooks.PHONE_NUMBER_ID
                + ", wasla.whatsapp.phone-number-ids)");
  }

  private void assertRefused(Map<String, Object> body, String detail) {
    Answer answer = api.call("POST", "/api/campaigns", body);
    assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(400);
    assertThat(answer.body().path("detail").asText()).contains(detail);
  }

  @Test
  void aCustomerAPersonIsServingGetsNoMarketingBesideHer() {
    String city = newCity();
    List<String> customers = api.optedInCustomers(2, city);
    String served = customers.get(0);
    Webhooks webhooks = new Webhooks(port);
    assertThat(
            webhooks.post(
                Webhooks.text(
                    served,
                    "wamid.human." + served,
                    "I want to talk to a human please",
                    Instant.now())))
        .isEqualTo(200);
    String key = CampaignApi.key(served);
    await()
        .atMost(PATIENCE)
        .until(() -> tasks.createTaskQuery().processInstanceBusinessKey(key).count() == 1);
    org.camunda.bpm.engine.task.Task task =
        tasks.createTaskQuery().processInstanceBusinessKey(key).singleResult();
    if (task.getAssignee() == null) {
      tasks.claim(task.getId(), "sara");
    }

    String id = api.createCampaign(city, null);
    api.ok("POST", "/api/campaigns/" + id + "/start", null);
    awaitStatus(id, "COMPLETED");
    JsonNode initial =
        api.ok("GET", "/api/campaigns/" + id + "/results", null).body().path("initial");
    assertThat(initial.path("skippedInHandoff").asLong()).isEqualTo(1);
    assertThat(initial.path("sent").asLong()).isEqualTo(1);
    assertThat(templatesTo(List.of(served))).isEmpty();
    assertThat(templatesTo(List.of(customers.get(1)))).hasSize(1);
  }

  @Test
  void aNumberThatIsNotOnWhatsAppIsNotTriedAgain() {
    String city = newCity();
    List<String> customers = api.optedInCustomers(3, city);
    String notOnWhatsApp = customers.get(0);
    META.failNextSends(notOnWhatsApp, 10, WhatsAppMock.rejected());
    int attemptsBefore = META.attempts();
    String id = api.createCampaign(city, null);
    api.ok("POST", "/api/campaigns/" + id + "/start", null);
    awaitStatus(id, "COMPLETED");

    assertThat(templatesTo(customers)).hasSize(2);
    assertThat(META.attempts() - attemptsBefore).as("one attempt each, none repeated").isEqualTo(3);
    JsonNode row =
        api.ok("GET", "/api/campaigns/" + id + "/recipients", null).body().path("items").path(0);
    assertThat(row.path("waId").asText()).isEqualTo(notOnWhatsApp);
    assertThat(row.path("outcome").asText()).isEqualTo("failed");
    assertThat(row.path("errorCode").asInt()).isEqualTo(131026);
    JsonNode results = api.ok("GET", "/api/campaigns/" + id + "/results", null).body();
    assertThat(results.path("failed").asLong()).isEqualTo(1);
    assertThat(results.path("sent").asLong()).isEqualTo(2);
  }

  @Test
  void badRequestsAreProblemsAndNeedTheirScope() {
    Answer unknownField =
        api.call(
            "POST",
            "/api/campaigns",
            Map.of(
                "name",
                "x",
                "phoneNumberId",
                Webhooks.PHONE_NUMBER_ID,
                "template",
                Map.of(
                    "name",
                    "spring_sale",
                    "language",
                    "en",
                    "parameters",
                    List.of(Map.of("field", "password")))));
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.body().path("type").asText()).endsWith("/invalid-campaign-request");
    assertThat(unknownField.body().path("detail").asText()).contains("parameters[0].field");
    assertThat(api.call("GET", "/api/campaigns/cmp_nope", null).status()).isEqualTo(404);
    CampaignApi anonymous = new CampaignApi(port, "not-a-key-0123456789abcdef0123456789");
    assertThat(anonymous.call("GET", "/api/campaigns", null).status()).isEqualTo(401);
  }

  @Test
  void theReminderGoesOnlyToWhoNeitherReadNorReplied() {
    String city = newCity();
    List<String> customers = api.optedInCustomers(3, city);
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("name", "Reminded " + city);
    body.put("phoneNumberId", Webhooks.PHONE_NUMBER_ID);
    body.put(
        "template",
        Map.of(
            "name",
            "spring_sale",
            "language",
            "en",
            "parameters",
            List.of(Map.of("field", "firstName"))));
    body.put("audience", Map.of("cities", List.of(city)));
    body.put("reminder", Map.of("template", "spring_sale_reminder", "after", "PT5S"));
    String id = api.ok("POST", "/api/campaigns", body).body().path("id").asText();
    api.ok("POST", "/api/campaigns/" + id + "/start", null);
    await().atMost(PATIENCE).until(() -> templatesTo(customers).size() == 3);
    Webhooks webhooks = new Webhooks(port);
    WhatsAppMock.Sent toRead = templatesTo(List.of(customers.get(0))).get(0);
    assertThat(webhooks.post(Webhooks.status(toRead.to(), toRead.wamid(), "read", Instant.now())))
        .isEqualTo(200);
    assertThat(
            webhooks.post(
                Webhooks.text(
                    customers.get(1),
                    "wamid.r." + customers.get(1),
                    "thanks, how much is it?",
                    Instant.now().plusSeconds(1))))
        .isEqualTo(200);
    awaitStatus(id, "SENT");
    awaitStatus(id, "COMPLETED");

    List<WhatsAppMock.Sent> reminders =
        templatesTo(customers).stream()
            .filter(
                s -> s.body().path("template").path("name").asText().equals("spring_sale_reminder"))
            .toList();
    assertThat(reminders).extracting(WhatsAppMock.Sent::to).containsExactly(customers.get(2));
    JsonNode results = api.ok("GET", "/api/campaigns/" + id + "/results", null).body();
    assertThat(results.path("reminder").path("recipients").asLong()).isEqualTo(1);
    assertThat(results.path("reminder").path("sent").asLong()).isEqualTo(1);
    JsonNode page =
        api.ok("GET", "/api/campaigns/" + id + "/recipients?stage=reminder", null).body();
    assertThat(page.path("items").findValuesAsText("waId")).containsExactly(customers.get(2));
  }

  @Test
  void aCampaignCancelledBeforeItsStartTimeSendsNothing() {
    String city = newCity();
    List<String> customers = api.optedInCustomers(2, city);
    Map<String, Object> body = newArrivalsTo(city, "Later " + city);
    body.put("startAt", Instant.now().plus(Duration.ofHours(1)).toString());
    String id = api.ok("POST", "/api/campaigns", body).body().path("id").asText();
    assertThat(
            api.ok("POST", "/api/campaigns/" + id + "/start", null).body().path("status").asText())
        .isEqualTo("SCHEDULED");
    assertThat(api.call("POST", "/api/campaigns/" + id + "/start", null).status()).isEqualTo(409);
    assertThat(status(api.ok("POST", "/api/campaigns/" + id + "/pause", null))).isEqualTo("PAUSED");
    assertThat(api.call("POST", "/api/campaigns/" + id + "/pause", null).status()).isEqualTo(409);
    assertThat(status(api.ok("POST", "/api/campaigns/" + id + "/resume", null)))
        .as("resumed before its time, it waits for it again")
        .isEqualTo("SCHEDULED");
    assertThat(status(api.ok("POST", "/api/campaigns/" + id + "/pause", null))).isEqualTo("PAUSED");
    assertThat(
            api.ok("POST", "/api/campaigns/" + id + "/cancel", null).body().path("status").asText())
        .isEqualTo("CANCELLED");
    assertThat(templatesTo(customers)).isEmpty();
    assertThat(
            api.ok("GET", "/api/campaigns/" + id + "/results", null)
                .body()
                .path("recipients")
                .asLong())
        .isZero();
  }

  @Test
  void aScheduledCampaignPausedPastItsStartTimeSendsOnlyOnceResumed() throws InterruptedException {
    String city = newCity();
    List<String> customers = api.optedInCustomers(2, city);
    Map<String, Object> body = newArrivalsTo(city, "Paused before its time " + city);
    body.put("startAt", Instant.now().plus(Duration.ofSeconds(2)).toString());
    String id = api.ok("POST", "/api/campaigns", body).body().path("id").asText();
    assertThat(status(api.ok("POST", "/api/campaigns/" + id + "/start", null)))
        .isEqualTo("SCHEDULED");
    assertThat(status(api.ok("POST", "/api/campaigns/" + id + "/pause", null))).isEqualTo("PAUSED");

    Thread.sleep(5000); // well past the start time
    assertThat(templatesTo(customers)).as("nothing goes out while paused").isEmpty();
    assertThat(status(api.ok("GET", "/api/campaigns/" + id, null))).isEqualTo("PAUSED");

    assertThat(status(api.ok("POST", "/api/campaigns/" + id + "/resume", null)))
        .as("resumed past its time, it starts")
        .isEqualTo("SCHEDULED");
    await().atMost(PATIENCE).until(() -> templatesTo(customers).size() == 2);
    awaitStatus(id, "COMPLETED");
    assertThat(templatesTo(customers).stream().map(WhatsAppMock.Sent::to))
        .containsExactlyInAnyOrderElementsOf(customers);
  }

  /** A campaign of the demo's new_arrivals (Arabic) to the customers of one city. */
  private static Map<String, Object> newArrivalsTo(String city, String name) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("name", name);
    body.put("phoneNumberId", Webhooks.PHONE_NUMBER_ID);
    body.put("template", Map.of("name", "new_arrivals", "language", "ar"));
    body.put("audience", Map.of("cities", List.of(city)));
    return body;
  }

  private static String status(Answer answer) {
    return answer.body().path("status").asText();
  }

  @Test
  void consentCapturedAtTheCheckoutIsRecordedWithItsSourceAndStopWithdrawsIt() {
    String waId = CampaignApi.newWaId();
    String key = CampaignApi.key(waId);
    Answer noSource = api.call("PUT", "/api/customers/" + key + "/consent", Map.of("optIn", true));
    assertThat(noSource.status()).isEqualTo(400);
    assertThat(noSource.body().path("detail").asText()).contains("source");
    JsonNode profile =
        api.ok(
                "PUT",
                "/api/customers/" + key + "/consent",
                Map.of("optIn", true, "source", "checkout"))
            .body();
    assertThat(profile.path("marketingOptInSource").asText()).isEqualTo("checkout");
    assertThat(profile.path("marketingOptInAt").isNull()).isFalse();
    assertThat(profile.path("marketingOptOut").asBoolean()).isFalse();

    assertThat(api.writeStop(waId)).isTrue();
    profile = api.ok("GET", "/api/customers/" + key, null).body();
    assertThat(profile.path("marketingOptOut").asBoolean()).isTrue();
    Webhooks webhooks = new Webhooks(port);
    assertThat(webhooks.post(Webhooks.text(waId, "wamid.start." + waId, "اشتراك", Instant.now())))
        .isEqualTo(200);
    profile = api.ok("GET", "/api/customers/" + key, null).body();
    assertThat(profile.path("marketingOptOut").asBoolean()).isFalse();
    assertThat(profile.path("marketingOptInSource").asText()).isEqualTo("whatsapp");
  }

  /** The model stays clean for bpmnlint's recommended rules that matter here. */
  @Test
  void theCampaignProcessIsNamedAndEveryPathEnds() throws Exception {
    org.camunda.bpm.model.bpmn.BpmnModelInstance model =
        org.camunda.bpm.model.bpmn.Bpmn.readModelFromFile(
            java.nio.file.Path.of("processes/campaign.bpmn").toFile());
    var nodes = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.FlowNode.class);
    for (var node : nodes) {
      assertThat(node.getName()).as(node.getId()).isNotBlank();
      boolean end = node instanceof org.camunda.bpm.model.bpmn.instance.EndEvent;
      assertThat(node.getOutgoing().isEmpty()).as("%s ends a path", node.getId()).isEqualTo(end);
      if (node instanceof org.camunda.bpm.model.bpmn.instance.Activity
          || node instanceof org.camunda.bpm.model.bpmn.instance.Event) {
        assertThat(node.getIncoming().size())
            .as("%s: no implicit join", node.getId())
            .isLessThanOrEqualTo(1);
        assertThat(node.getOutgoing().size())
            .as("%s: no implicit split", node.getId())
            .isLessThanOrEqualTo(1);
      }
    }
  }
}
