package app.wasla.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.Webhooks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The owner's inbox over real HTTP, with conversations played through the signed webhook: who sees
 * what, the states, filters, paging, live updates, and a supervisor taking a conversation from the
 * bot and giving it back through the flow. Run on H2 and PostgreSQL by the subclasses.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "wasla.whatsapp.app-secret=" + Webhooks.APP_SECRET,
      "wasla.handoff.max-open-per-agent=50",
      "wasla.api.bootstrap-key=" + InboxApiScenarios.API_KEY,
      "wasla.api.rate-limit=1000"
    })
abstract class InboxApiScenarios {

  static final String API_KEY = "test-bootstrap-key-inbox-0123456789abcdefghij";
  static final ObjectMapper JSON = new ObjectMapper();
  final OkHttpClient http = new OkHttpClient();

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired JdbcClient jdbc;
  @Autowired org.camunda.bpm.engine.IdentityService identity;
  @Autowired app.wasla.crm.CustomerMemory customers;

  private JsonNode get(String path, String user, int expected) throws Exception {
    Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + port + path);
    if (user != null) {
      request.header("Authorization", Credentials.basic(user, user));
    }
    try (Response response = http.newCall(request.build()).execute()) {
      String body = response.body().string();
      assertThat(response.code()).as("GET %s as %s: %s", path, user, body).isEqualTo(expected);
      return body.isEmpty() ? null : JSON.readTree(body);
    }
  }

  private JsonNode post(String path, String user, String body, int expected) throws Exception {
    Request.Builder request =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + path)
            .post(RequestBody.create(body, MediaType.get("application/json")));
    if (user != null) {
      request.header("Authorization", Credentials.basic(user, user));
    }
    try (Response response = http.newCall(request.build()).execute()) {
      String answer = response.body().string();
      assertThat(response.code()).as("POST %s as %s: %s", path, user, answer).isEqualTo(expected);
      return answer.isEmpty() ? null : JSON.readTree(answer);
    }
  }

  /** A customer writes; returns the conversation key once the bot has answered. */
  private String customer(String waId, String text) {
    String key = Webhooks.PHONE_NUMBER_ID + ":" + waId;
    new Webhooks(port)
        .post(
            Webhooks.text(waId, "wamid.in." + waId + "." + System.nanoTime(), text, Instant.now()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ?")
                        .param(key)
                        .query(Long.class)
                        .single()
                    > 0);
    return key;
  }

  private static String waId() {
    return "20155" + (100_000 + System.nanoTime() % 900_000);
  }

  private static JsonNode item(JsonNode page, String key) {
    for (JsonNode item : page.get("items")) {
      if (item.get("conversationKey").asText().equals(key)) {
        return item;
      }
    }
    return null;
  }

  private static List<String> keys(JsonNode page) {
    List<String> keys = new ArrayList<>();
    page.get("items").forEach(i -> keys.add(i.get("conversationKey").asText()));
    return keys;
  }

  private JsonNode find(String user, String query, String key) throws Exception {
    return item(get("/inbox/api/conversations?limit=200&" + query, user, 200), key);
  }

  @Test
  void supervisorsSeeEverythingAgentsTheirTeams() throws Exception {
    String botWa = waId();
    String bot = customer(botWa, "hello, what are your opening hours?");
    String sales = customer(waId(), "I want to talk to a human please");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> tasks.createTaskQuery().processInstanceBusinessKey(sales).count() == 1);
    String owner =
        tasks.createTaskQuery().processInstanceBusinessKey(sales).singleResult().getAssignee();
    assertThat(owner).isIn("sara", "omar");

    // the supervisor sees both, with their states
    JsonNode botItem = find("demo", "", bot);
    assertThat(botItem.get("state").asText()).isEqualTo("bot");
    assertThat(botItem.get("customerNumber").asText()).isEqualTo(botWa);
    assertThat(botItem.get("businessNumber").asText()).isEqualTo(Webhooks.PHONE_NUMBER_ID);
    assertThat(botItem.get("customerName").asText())
        .isEqualTo("عميل " + botWa.substring(botWa.length() - 3));
    assertThat(botItem.get("lastMessage").get("direction").asText()).isEqualTo("out");
    assertThat(botItem.get("unread").asInt()).isZero();
    JsonNode salesItem = find("demo", "", sales);
    // assigned, but nobody has answered the customer yet: still waiting for a person
    assertThat(salesItem.get("state").asText()).isEqualTo("waiting");
    assertThat(salesItem.get("handoff").get("assignee").asText()).isEqualTo(owner);
    assertThat(salesItem.get("handoff").get("answered").asBoolean()).isFalse();
    assertThat(salesItem.get("handoff").get("teams").toString()).contains("sales");

    // filters: state, agent, search by number
    assertThat(find("demo", "state=waiting", sales)).isNotNull();
    assertThat(find("demo", "state=waiting", bot)).isNull();
    assertThat(find("demo", "state=agent", sales)).isNull();
    assertThat(find("demo", "state=bot", bot)).isNotNull();
    assertThat(find("demo", "state=bot", sales)).isNull();
    assertThat(find("demo", "agent=" + owner, sales)).isNotNull();
    assertThat(find("demo", "agent=" + owner, bot)).isNull();
    assertThat(keys(get("/inbox/api/conversations?q=" + botWa, "demo", 200))).containsExactly(bot);
    get("/inbox/api/conversations?state=nonsense", "demo", 400);

    // the owner sees her customer, not the bot's; support's agent sees neither
    assertThat(find(owner, "", sales)).isNotNull();
    assertThat(find(owner, "", bot)).isNull();
    assertThat(find(owner, "state=waiting", sales)).isNotNull();
    assertThat(find("mona", "", sales)).isNull();
    get("/inbox/api/conversations/" + sales, "mona", 404);
    // a colleague of the same team does not see a customer assigned to the owner
    String colleague = owner.equals("sara") ? "omar" : "sara";
    assertThat(find(colleague, "", sales)).isNull();
    get("/inbox/api/conversations/" + sales, colleague, 404);
    JsonNode detail = get("/inbox/api/conversations/" + sales, owner, 200);
    assertThat(detail.get("transcript").toString()).contains("I want to talk to a human please");
    assertThat(detail.get("reading").get("handoffReason").asText()).isNotBlank();

    // the owner answers: now the customer is with an agent, in the list, the filters and the API
    post(
        "/handoff/tasks/" + salesItem.get("handoff").get("taskId").asText() + "/messages",
        owner,
        "{\"text\":\"Hello, how can I help?\",\"clientMessageId\":\"inbox-answer\"}",
        200);
    JsonNode answered = find("demo", "", sales);
    assertThat(answered.get("state").asText()).isEqualTo("agent");
    assertThat(answered.get("handoff").get("answered").asBoolean()).isTrue();
    assertThat(find("demo", "state=agent", sales)).isNotNull();
    assertThat(find("demo", "state=waiting", sales)).isNull();
    assertThat(find(owner, "state=agent", sales)).isNotNull();

    // nothing without a Camunda user or an API key
    get("/inbox/api/conversations", null, 401);
    get("/inbox/api/me", null, 401);
    get("/api/conversations", null, 401);
    Request withKey =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + "/api/conversations?limit=200")
            .header("X-API-Key", API_KEY)
            .build();
    try (Response response = http.newCall(withKey).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(keys(JSON.readTree(response.body().string()))).contains(bot, sales);
    }
  }

  @Test
  void pagesAndLiveUpdates() throws Exception {
    // a number prefix of their own: the search keeps other tests' conversations out of these pages
    String prefix = "2017" + (1000 + System.nanoTime() % 9000);
    String first = customer(prefix + "00001", "hello");
    String second = customer(prefix + "00002", "hello again");
    JsonNode page = get("/inbox/api/conversations?limit=1&q=" + prefix, "demo", 200);
    assertThat(keys(page)).containsExactly(second);
    JsonNode next =
        get(
            "/inbox/api/conversations?limit=1&q="
                + prefix
                + "&cursor="
                + page.get("nextCursor").asText(),
            "demo",
            200);
    assertThat(keys(next)).containsExactly(first);
    assertThat(next.get("nextCursor")).isNull();
    get("/inbox/api/conversations?cursor=garbage!", "demo", 400);

    String since = page.get("since").asText();
    String waOfFirst = first.substring(first.indexOf(':') + 1);
    new Webhooks(port)
        .post(
            Webhooks.text(
                waOfFirst, "wamid.in.again." + System.nanoTime(), "are you there?", Instant.now()));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode changes =
                  get("/inbox/api/conversations/changes?since=" + since, "demo", 200);
              assertThat(changes.get("changed").toString()).contains(first);
              assertThat(item(changes, first)).isNotNull();
            });
  }

  @Test
  void aSupervisorTakesOverAndGivesBack() throws Exception {
    String key = customer(waId(), "hi, do you sell phone cases?");
    assertThat(find("demo", "", key).get("state").asText()).isEqualTo("bot");

    // agents cannot take a conversation from the bot
    post("/inbox/api/conversations/" + key + "/take-over", "sara", "{}", 404);

    JsonNode taken = post("/inbox/api/conversations/" + key + "/take-over", "demo", "{}", 200);
    String taskId = taken.get("taskId").asText();
    var task = tasks.createTaskQuery().taskId(taskId).singleResult();
    assertThat(task.getAssignee()).isEqualTo("demo");
    JsonNode item = find("demo", "", key);
    assertThat(item.get("state").asText()).isEqualTo("agent");
    assertThat(item.get("handoff").get("reason").asText()).isEqualTo("taken over by demo");
    // twice: it is with a person already
    post("/inbox/api/conversations/" + key + "/take-over", "demo", "{}", 409);

    // she replies through the handoff's own send endpoint, then gives it back
    post(
        "/handoff/tasks/" + taskId + "/messages",
        "demo",
        "{\"text\":\"Hello, Demo here\",\"clientMessageId\":\"inbox-1\"}",
        200);
    // an agent cannot give a supervisor's conversation back (not hers: 404 when not her team's,
    // else 403)
    Request sara =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + "/inbox/api/conversations/" + key + "/give-back")
            .header("Authorization", Credentials.basic("sara", "sara"))
            .post(RequestBody.create("{}", MediaType.get("application/json")))
            .build();
    try (Response response = http.newCall(sara).execute()) {
      assertThat(response.code()).isIn(403, 404);
    }
    post("/inbox/api/conversations/" + key + "/give-back", "demo", "{}", 200);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(find("demo", "", key).get("state").asText()).isEqualTo("bot"));
    assertThat(
            jdbc.sql(
                    "SELECT event_type || ' ' || detail FROM handoff_event WHERE conversation_key = ?"
                        + " AND event_type IN ('taken_over', 'given_back') ORDER BY id")
                .param(key)
                .query(String.class)
                .list())
        .containsExactly("taken_over by=demo, to=demo", "given_back by=demo");

    // the bot answers the customer again
    long before =
        jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ?")
            .param(key)
            .query(Long.class)
            .single();
    String wa = key.substring(key.indexOf(':') + 1);
    new Webhooks(port)
        .post(Webhooks.text(wa, "wamid.in.back." + System.nanoTime(), "thanks", Instant.now()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ?")
                        .param(key)
                        .query(Long.class)
                        .single()
                    > before);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(key).count()).isZero();
  }

  @Test
  void takenOverForATeam() throws Exception {
    String key = customer(waId(), "good morning");
    JsonNode taken =
        post(
            "/inbox/api/conversations/" + key + "/take-over",
            "demo",
            "{\"group\":\"support\"}",
            200);
    var task = tasks.createTaskQuery().taskId(taken.get("taskId").asText()).singleResult();
    assertThat(tasks.getIdentityLinksForTask(task.getId()).toString()).contains("support");
    assertThat(task.getAssignee()).isEqualTo("mona");
    assertThat(find("mona", "", key)).isNotNull();
    post("/inbox/api/conversations/" + key + "/take-over", "demo", "{\"group\":\"nobody\"}", 400);

    // a team with nobody in it: the handoff waits in its queue, and the supervisor can still give
    // it back
    if (identity.createGroupQuery().groupId("nightshift").count() == 0) {
      var group = identity.newGroup("nightshift");
      group.setName("Night shift");
      group.setType("WORKFLOW");
      identity.saveGroup(group);
    }
    String queued = customer(waId(), "good evening");
    post(
        "/inbox/api/conversations/" + queued + "/take-over",
        "demo",
        "{\"group\":\"nightshift\"}",
        200);
    assertThat(find("demo", "state=waiting", queued)).isNotNull();
    post("/inbox/api/conversations/" + queued + "/give-back", "demo", "{}", 200);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(find("demo", "", queued).get("state").asText()).isEqualTo("bot"));
  }

  @Test
  void filtersByTagNameAndOrderNumber() throws Exception {
    // the demo store's returning customer: order ORD-12001 is hers
    String returning = customer("201001234567", "hello, where is my order?");
    String tagged = customer(waId(), "hi there");
    customers.tag(tagged, "vip-inbox", "demo");

    assertThat(keys(get("/inbox/api/conversations?limit=200&tag=vip-inbox", "demo", 200)))
        .containsExactly(tagged);
    assertThat(find("demo", "", tagged).get("tags").toString()).contains("vip-inbox");
    assertThat(keys(get("/inbox/api/conversations?limit=200&q=ORD-12001", "demo", 200)))
        .contains(returning)
        .doesNotContain(tagged);
    String wa = tagged.substring(tagged.indexOf(':') + 1);
    String name = "عميل " + wa.substring(wa.length() - 3);
    assertThat(
            keys(
                get(
                    "/inbox/api/conversations?limit=200&q="
                        + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8),
                    "demo",
                    200)))
        .contains(tagged);
  }

  private long sent(String key) {
    return jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ?")
        .param(key)
        .query(Long.class)
        .single();
  }

  private void writes(String key, String text) {
    String wa = key.substring(key.indexOf(':') + 1);
    long before = sent(key);
    new Webhooks(port)
        .post(Webhooks.text(wa, "wamid.in." + wa + "." + System.nanoTime(), text, Instant.now()));
    await().atMost(Duration.ofSeconds(30)).until(() -> sent(key) > before);
  }

  @Test
  void aConversationOnAProductCardIsTakenOverAndTheCustomerIsToldNothing() throws Exception {
    String key = customer(waId(), "how much is the galaxy s24?");
    // the bot waits on its product card (order-and-pay): a person may still step in
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql(
                            "SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ? AND"
                                + " body_json LIKE '%sales_human%'")
                        .param(key)
                        .query(Long.class)
                        .single()
                    > 0);
    JsonNode detail = get("/inbox/api/conversations/" + key, "demo", 200);
    assertThat(detail.get("canTakeOver").asBoolean()).isTrue();
    assertThat(detail.path("takeOverRefusal").asText(null)).isNull();
    long before = sent(key);

    JsonNode taken = post("/inbox/api/conversations/" + key + "/take-over", "demo", "{}", 200);
    var task = tasks.createTaskQuery().taskId(taken.get("taskId").asText()).singleResult();
    assertThat(task.getAssignee()).isEqualTo("demo");
    assertThat(find("demo", "", key).get("handoff").get("reason").asText())
        .isEqualTo("taken over by demo");
    assertThat(sent(key)).as("a takeover sends the customer nothing").isEqualTo(before);
    // with a person now: taking over again is refused, with the reason, and the detail says so
    JsonNode again = get("/inbox/api/conversations/" + key, "demo", 200);
    assertThat(again.get("canTakeOver").asBoolean()).isFalse();
    assertThat(again.get("takeOverRefusal").asText()).contains("already");
  }

  @Test
  void unreadCountsTheCustomersMessagesSinceTheLastRealAnswer() throws Exception {
    String key = customer(waId(), "I want to talk to a person please");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !find("demo", "", key).get("handoff").isNull());
    assertThat(find("demo", "", key).get("unread").asInt()).isZero();
    // she writes again: the automatic "we got your message" is not an answer
    writes(key, "hello? is anyone there?");
    assertThat(find("demo", "", key).get("unread").asInt()).isEqualTo(1);
    writes(key, "still waiting");
    assertThat(find("demo", "", key).get("unread").asInt()).isEqualTo(2);
    // a person answers: nothing unread (the supervisor takes it from the team first)
    JsonNode item = find("demo", "", key);
    String taskId = item.get("handoff").get("taskId").asText();
    post("/inbox/api/conversations/" + key + "/reassign", "demo", "{\"assignee\":\"demo\"}", 200);
    post(
        "/handoff/tasks/" + taskId + "/messages",
        "demo",
        "{\"text\":\"Hello, I am here\",\"clientMessageId\":\"inbox-unread\"}",
        200);
    assertThat(find("demo", "", key).get("unread").asInt()).isZero();
  }

  @Test
  void searchTakesTheNumberAsDisplayedAndEachTurnShowsThePersonasReading() throws Exception {
    String wa = waId();
    String key = customer(wa, "hi, do you sell phone cases?");
    String spaced = "+" + wa.substring(0, 2) + " " + wa.substring(2, 5) + " " + wa.substring(5);
    for (String q :
        List.of("+" + wa, "00" + wa, spaced, "0" + wa.substring(2), wa.substring(2, 8))) {
      assertThat(
              keys(
                  get(
                      "/inbox/api/conversations?limit=200&q="
                          + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8),
                      "demo",
                      200)))
          .as("q=%s", q)
          .contains(key);
    }
    writes(key, "I want to talk to a person please");
    JsonNode transcript = get("/inbox/api/conversations/" + key, "demo", 200).get("transcript");
    List<String> readings = new ArrayList<>();
    for (JsonNode line : transcript) {
      if (line.get("direction").asText().equals("in")) {
        JsonNode reading = line.path("reading");
        readings.add(
            reading.isMissingNode() || reading.isNull()
                ? "none"
                : reading.path("intent").asText() + "/" + reading.path("handoffReason").asText());
      }
    }
    assertThat(readings).hasSize(2);
    assertThat(readings.get(0)).doesNotStartWith("none").doesNotStartWith("human_request");
    assertThat(readings.get(1)).startsWith("human_request/");
  }

  @Test
  void aLocationShowsWithItsMapLinkAndAnOptOutWithItsLanguage() throws Exception {
    String wa = waId();
    String key = Webhooks.PHONE_NUMBER_ID + ":" + wa;
    new Webhooks(port)
        .post(Webhooks.location(wa, "wamid.loc." + wa, 30.0561, 31.3301, null, Instant.now()));
    await().atMost(Duration.ofSeconds(30)).until(() -> sent(key) > 0);
    JsonNode media = get("/inbox/api/conversations/" + key, "demo", 200).get("transcript").get(0);
    assertThat(media.get("media").get("kind").asText()).isEqualTo("location");
    assertThat(media.get("media").get("mapUrl").asText())
        .isEqualTo("https://maps.google.com/?q=30.0561,31.3301");

    String stop = customer(waId(), "STOP");
    assertThat(find("demo", "", stop).get("language").asText()).isEqualTo("en");
  }

  private List<String> texts(String key) {
    return jdbc.sql(
            "SELECT COALESCE(text, body_json) FROM outbound_message WHERE conversation_key = ?"
                + " ORDER BY id")
        .param(key)
        .query(String.class)
        .list();
  }

  @Test
  void aReassignedHandoffTellsItsNewOwnerWhereItComesFromAndAnAnsweredCustomerWhoTakesOver()
      throws Exception {
    String key = customer(waId(), "I want to talk to a person please");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                tasks.createTaskQuery().processInstanceBusinessKey(key).taskAssigned().count()
                    == 1);
    var task = tasks.createTaskQuery().processInstanceBusinessKey(key).singleResult();
    String first = task.getAssignee();
    String second = first.equals("sara") ? "omar" : "sara";
    String firstName = first.equals("sara") ? "Sara Hassan" : "Omar Khaled";
    String secondName = first.equals("sara") ? "Omar Khaled" : "Sara Hassan";

    // nobody has answered yet: the new owner learns where it comes from, the customer hears nothing
    int before = texts(key).size();
    post(
        "/inbox/api/conversations/" + key + "/reassign",
        "demo",
        "{\"assignee\":\"" + second + "\"}",
        200);
    JsonNode history =
        get("/handoff/tasks/" + task.getId() + "/transcript", second, 200).get("history");
    assertThat(history).hasSize(1);
    assertThat(history.get(0).get("text").asText())
        .isEqualTo(
            "Handed over from "
                + firstName
                + " ("
                + first
                + ") to "
                + secondName
                + " ("
                + second
                + "): reassigned by Demo Admin. Nobody had answered the customer yet.");
    assertThat(texts(key)).hasSize(before);

    // the new owner answers, then the supervisor moves the customer again: now the customer is told
    post(
        "/handoff/tasks/" + task.getId() + "/messages",
        second,
        "{\"text\":\"Hello, I am with you\",\"clientMessageId\":\"moved-1\"}",
        200);
    int answered = texts(key).size();
    post(
        "/inbox/api/conversations/" + key + "/reassign",
        "demo",
        "{\"assignee\":\"" + first + "\"}",
        200);
    await().atMost(Duration.ofSeconds(10)).until(() -> texts(key).size() > answered);
    assertThat(texts(key).subList(answered, texts(key).size()))
        .containsExactly(
            firstName.split(" ")[0]
                + " from our team is taking over your conversation and will continue with you"
                + " here 🤝");
    history = get("/handoff/tasks/" + task.getId() + "/transcript", first, 200).get("history");
    assertThat(history).hasSize(2);
    assertThat(history.get(1).get("text").asText())
        .startsWith("Handed over from " + secondName + " (" + second + ") to " + firstName)
        .endsWith(
            "reassigned by Demo Admin. The customer had been answered already and was told that a"
                + " colleague is taking over.");
    // still answered: the inbox keeps it with an agent
    assertThat(find("demo", "", key).get("state").asText()).isEqualTo("agent");

    // the owner steps away and puts it back in the queue: routing gives it to her colleague, who
    // learns why, and the customer hears who continues
    put("/handoff/agents/me/availability", first, "{\"available\":false}");
    try {
      int moved = texts(key).size();
      post("/engine-rest/task/" + task.getId() + "/unclaim", first, "{}", 204);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  second.equals(
                      tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()));
      await().atMost(Duration.ofSeconds(10)).until(() -> texts(key).size() > moved);
      assertThat(texts(key).subList(moved, texts(key).size()))
          .containsExactly(
              secondName.split(" ")[0]
                  + " from our team is taking over your conversation and will continue with you"
                  + " here 🤝");
      history = get("/handoff/tasks/" + task.getId() + "/transcript", second, 200).get("history");
      assertThat(history).hasSize(3);
      assertThat(history.get(2).get("text").asText())
          .startsWith(
              "Handed over from "
                  + firstName
                  + " ("
                  + first
                  + ") to "
                  + secondName
                  + " ("
                  + second
                  + "): "
                  + firstName
                  + " put it back in the team's queue, and routing gave it to the next agent with"
                  + " room.");
    } finally {
      put("/handoff/agents/me/availability", first, "{\"available\":true}");
    }
  }

  private void put(String path, String user, String body) throws Exception {
    Request request =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + path)
            .header("Authorization", Credentials.basic(user, user))
            .put(RequestBody.create(body, MediaType.get("application/json")))
            .build();
    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).as("PUT %s: %s", path, response.body().string()).isIn(200, 204);
    }
  }

  @Test
  void aSupervisorReassignsAColleaguesCustomer() throws Exception {
    String key = customer(waId(), "hello there");
    post("/inbox/api/conversations/" + key + "/take-over", "demo", "{\"assignee\":\"omar\"}", 200);
    JsonNode detail = get("/inbox/api/conversations/" + key, "demo", 200);
    assertThat(detail.get("canTakeOver").asBoolean()).isFalse();
    assertThat(detail.get("takeOverRefusal").asText()).contains("Omar Khaled").contains("Reassign");
    assertThat(detail.get("agents").toString()).contains("\"userId\":\"sara\"");
    // an agent may not; a supervisor may, to another person or herself
    post("/inbox/api/conversations/" + key + "/reassign", "omar", "{\"assignee\":\"sara\"}", 403);
    JsonNode moved =
        post(
            "/inbox/api/conversations/" + key + "/reassign",
            "demo",
            "{\"assignee\":\"sara\"}",
            200);
    assertThat(
            tasks
                .createTaskQuery()
                .taskId(moved.get("taskId").asText())
                .singleResult()
                .getAssignee())
        .isEqualTo("sara");
    post("/inbox/api/conversations/" + key + "/reassign", "demo", "{\"assignee\":\"nobody\"}", 400);
    // omar no longer sees it (assigned to a colleague), sara does
    get("/inbox/api/conversations/" + key, "sara", 200);
  }
}
