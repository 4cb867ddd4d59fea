package app.wasla.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** Meta's Graph API played by MockWebServer: records every send and answers like the Cloud API. */
public final class WhatsAppMock {

  /** One message Wasla sent, as Meta received it. */
  public record Sent(
      String phoneNumberId, String to, String type, JsonNode body, String wamid, Instant at) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MockWebServer server = new MockWebServer();
  private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
  private final Queue<JsonNode> reads = new ConcurrentLinkedQueue<>();

  /** Every accepted call in arrival order: {@code read:<message_id>} or {@code send:<to>}. */
  private final Queue<String> arrivals = new ConcurrentLinkedQueue<>();

  private final Map<String, AtomicInteger> failuresToSend = new ConcurrentHashMap<>();
  private final Map<String, MockResponse> failWith = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failuresOfText = new ConcurrentHashMap<>();
  private final AtomicInteger attempts = new AtomicInteger();
  private volatile Hold hold;

  /**
   * How long Meta takes to answer a send it has accepted (recorded): the window in which a crash
   * loses its 200.
   */
  private volatile long answerDelayMs;

  private final AtomicInteger answering = new AtomicInteger();
  private final Object sendSignal = new Object();

  /** While Meta is down: every send is answered with one of these in turn. */
  private volatile List<MockResponse> outage;

  private final Map<String, Runnable> beforeFirstAnswer = new ConcurrentHashMap<>();

  /**
   * Sends to these customers wait at the mock until {@code count} of them wait together (or 10 s
   * have passed).
   */
  private record Hold(
      Set<String> to, CountDownLatch together, AtomicInteger waiting, AtomicInteger most) {}

  public WhatsAppMock() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer(request);
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The Graph API base URL to configure as {@code wasla.whatsapp.api-base-url}. */
  public String baseUrl() {
    return server.url("/v23.0").toString();
  }

  /**
   * Puts Wasla in cloud mode against this mock: Graph API base URL, token, and the secrets the test
   * webhooks ({@link Webhooks}) are signed and verified with.
   */
  public void registerCloudMode(org.springframework.test.context.DynamicPropertyRegistry registry) {
    registry.add("wasla.whatsapp.mode", () -> "cloud");
    registry.add("wasla.whatsapp.api-base-url", this::baseUrl);
    registry.add("wasla.whatsapp.access-token", () -> "test-token");
    registry.add("wasla.whatsapp.app-secret", () -> Webhooks.APP_SECRET);
    registry.add("wasla.whatsapp.verify-token", () -> "test-verify-token");
    CloudMode.safetyProperties().forEach((key, value) -> registry.add(key, () -> value));
  }

  /**
   * Holds every send to these customers, as a slow Meta would, until {@code count} of them are
   * waiting at the same time (or for 10 seconds), then answers them all. {@link #mostHeldAtOnce()}
   * tells how many were in flight at once.
   */
  public void holdSendsUntilInFlightTogether(Collection<String> waIds, int count) {
    hold =
        new Hold(
            Set.copyOf(waIds), new CountDownLatch(count), new AtomicInteger(), new AtomicInteger());
  }

  /** The most sends {@link #holdSendsUntilInFlightTogether} held at the same time. */
  public int mostHeldAtOnce() {
    Hold h = hold;
    return h == null ? 0 : h.most().get();
  }

  /**
   * Runs {@code action} when the next send to this customer arrives, before Meta answers it (once):
   * what happens to Wasla while its send is in flight.
   */
  public void beforeAccepting(String waId, Runnable action) {
    beforeFirstAnswer.put(waId, action);
  }

  /**
   * The next {@code times} sends to this customer fail with the given response, then sends succeed.
   */
  public void failNextSends(String waId, int times, MockResponse response) {
    failuresToSend.put(waId, new AtomicInteger(times));
    failWith.put(waId, response);
  }

  /**
   * The next {@code times} sends of a text containing {@code marker} fail with a 429; other sends
   * succeed.
   */
  public void failNextSendsOfText(String marker, int times) {
    failuresOfText.put(marker, new AtomicInteger(times));
  }

  /**
   * Meta is down or throttling: every send fails with these answers in turn until {@link
   * #recover()}.
   */
  public void failAllSends(List<MockResponse> answers) {
    outage = List.copyOf(answers);
  }

  /** Meta is healthy again. */
  public void recover() {
    outage = null;
  }

  public static MockResponse serverError() {
    return new MockResponse()
        .setResponseCode(503)
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"error\":{\"message\":\"Service temporarily unavailable\",\"type\":\"OAuthException\","
                + "\"code\":2,\"fbtrace_id\":\"Svc\"}}");
  }

  /** HTTP 429 without Meta's error object, as a proxy in front of it answers. */
  public static MockResponse tooManyRequests() {
    return new MockResponse().setResponseCode(429);
  }

  /** Meta's pair rate limit: too many messages to this customer in a short time. */
  public static MockResponse pairRateLimited() {
    return new MockResponse()
        .setResponseCode(400)
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"error\":{\"message\":\"(#131056) (Business Account, Consumer Account) pair rate limit hit\","
                + "\"type\":\"OAuthException\",\"code\":131056,\"fbtrace_id\":\"Pr\"}}");
  }

  /** Every message delivered to Meta (mark-as-read calls excluded), in arrival order. */
  public List<Sent> allSent() {
    return List.copyOf(sent);
  }

  public static MockResponse rateLimited() {
    return new MockResponse()
        .setResponseCode(429)
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":\"OAuthException\","
                + "\"code\":130429,\"fbtrace_id\":\"AbC\"}}");
  }

  public static MockResponse rejected() {
    return new MockResponse()
        .setResponseCode(400)
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"error\":{\"message\":\"(#131026) Message undeliverable\",\"type\":\"OAuthException\","
                + "\"code\":131026,\"fbtrace_id\":\"XyZ\"}}");
  }

  /**
   * Meta answers every accepted send this long after accepting it, as a slow Meta does: a node that
   * dies meanwhile never learns its message went out.
   */
  public void answerSendsAfter(java.time.Duration delay) {
    answerDelayMs = delay.toMillis();
  }

  /** Sends Meta has accepted (recorded) and not answered yet. */
  public int answering() {
    return answering.get();
  }

  /** Every message delivered to Meta (mark-as-read calls excluded), in arrival order. */
  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** Waits until more than {@code seen} messages have been delivered, or the timeout has passed. */
  public void awaitMoreThan(int seen, java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (sendSignal) {
      long left;
      while (sent.size() <= seen && (left = deadline - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(sendSignal, left);
      }
    }
  }

  /**
   * Messages delivered to Meta for this customer (mark-as-read calls excluded), in arrival order.
   */
  public List<Sent> sentTo(String waId) {
    return sent.stream().filter(s -> s.to().equals(waId)).toList();
  }

  /** Every send attempt that reached the mock, including the failed ones. */
  public int attempts() {
    return attempts.get();
  }

  /** Accepted calls in arrival order, as {@code read:<message_id>} and {@code send:<to>}. */
  public List<String> arrivals() {
    return List.copyOf(arrivals);
  }

  /** Mark-as-read calls received. */
  public List<JsonNode> reads() {
    return List.copyOf(reads);
  }

  private volatile java.util.function.Function<RecordedRequest, MockResponse> media;

  /**
   * Answers the Graph API's GET requests (media lookups, downloads) with this function; sends and
   * read receipts stay the mock's.
   */
  public void serveMedia(java.util.function.Function<RecordedRequest, MockResponse> handler) {
    this.media = handler;
  }

  /** A URL on this mock (a media download's). */
  public String url(String path) {
    return server.url(path).toString();
  }

  /** A file uploaded for sending ({@code POST /{phone-number-id}/media}), as Meta received it. */
  public record Upload(
      String phoneNumberId, String contentType, String multipart, byte[] raw, String mediaId) {}

  private final Queue<Upload> uploads = new ConcurrentLinkedQueue<>();
  private volatile MockResponse refuseUploads;

  /** The files uploaded for sending, in arrival order. */
  public List<Upload> uploads() {
    return List.copyOf(uploads);
  }

  /** Answers every media upload with this (null: accept them again). */
  public void refuseUploads(MockResponse answer) {
    this.refuseUploads = answer;
  }

  private MockResponse upload(RecordedRequest request) {
    if (!"Bearer test-token".equals(request.getHeader("Authorization"))) {
      return new MockResponse().setResponseCode(401);
    }
    MockResponse refused = refuseUploads;
    if (refused != null) {
      return refused.clone();
    }
    byte[] raw = request.getBody().readByteArray();
    String id = String.valueOf(1_000_000_000L + uploads.size() + 1);
    uploads.add(
        new Upload(
            request.getPath().split("/")[2],
            request.getHeader("Content-Type"),
            new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1),
            raw,
            id));
    return json("{\"id\":\"" + id + "\"}");
  }

  private MockResponse answer(RecordedRequest request) {
    if ("GET".equals(request.getMethod())) {
      java.util.function.Function<RecordedRequest, MockResponse> handler = media;
      return handler == null ? new MockResponse().setResponseCode(404) : handler.apply(request);
    }
    if (request.getPath() != null && request.getPath().endsWith("/media")) {
      return upload(request);
    }
    JsonNode body;
    try {
      body = JSON.readTree(request.getBody().readUtf8());
    } catch (IOException e) {
      return new MockResponse().setResponseCode(400);
    }
    if (!"Bearer test-token".equals(request.getHeader("Authorization"))) {
      return new MockResponse().setResponseCode(401);
    }
    if (body.has("status")) {
      reads.add(body);
      arrivals.add("read:" + body.path("message_id").asText());
      return json("{\"success\":true}");
    }
    attempts.incrementAndGet();
    String to = body.path("to").asText();
    Hold h = hold;
    if (h != null && h.to().contains(to)) {
      h.most().accumulateAndGet(h.waiting().incrementAndGet(), Math::max);
      h.together().countDown();
      try {
        h.together().await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      h.waiting().decrementAndGet();
    }
    Runnable before = beforeFirstAnswer.remove(to);
    if (before != null) {
      before.run();
    }
    List<MockResponse> down = outage;
    if (down != null) {
      return down.get(Math.floorMod(attempts.get(), down.size())).clone();
    }
    AtomicInteger failures = failuresToSend.get(to);
    if (failures != null && failures.getAndDecrement() > 0) {
      return failWith.get(to).clone();
    }
    String text = body.path("text").path("body").asText("");
    for (Map.Entry<String, AtomicInteger> marked : failuresOfText.entrySet()) {
      if (text.contains(marked.getKey()) && marked.getValue().getAndDecrement() > 0) {
        return rateLimited();
      }
    }
    String wamid = "wamid.MOCK." + UUID.randomUUID();
    String path = request.getPath();
    String phoneNumberId = path.split("/")[2];
    sent.add(new Sent(phoneNumberId, to, body.path("type").asText(), body, wamid, Instant.now()));
    arrivals.add("send:" + to);
    synchronized (sendSignal) {
      sendSignal.notifyAll();
    }
    long delay = answerDelayMs;
    if (delay > 0) {
      answering.incrementAndGet();
      try {
        // Meta's own processing after it has taken the message: a test asks for this time to pass
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        answering.decrementAndGet();
      }
    }
    return json(
        "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\""
            + to
            + "\",\"wa_id\":\""
            + to
            + "\"}],\"messages\":[{\"id\":\""
            + wamid
            + "\"}]}");
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }
}
