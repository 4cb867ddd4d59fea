package app.wasla.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Meta's Graph API for the benchmark: answers every send like the Cloud API and records, per
 * customer ({@code to} = wa_id), the arrival time ({@link System#nanoTime()}) of each send.
 * Mark-as-read calls are answered and counted, not recorded as replies.
 */
final class MetaMock implements AutoCloseable {

  static final String ACCESS_TOKEN = "bench-token";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MockWebServer server = new MockWebServer();
  private final Map<String, List<Long>> repliesByCustomer = new ConcurrentHashMap<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();
  private volatile Consumer<String> onReply = to -> {};

  /**
   * Milliseconds every answer waits before it leaves, as Meta's own processing does (0: at once).
   */
  private final int latencyMs;

  MetaMock(int latencyMs) throws IOException {
    this.latencyMs = latencyMs;
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer(request);
          }
        });
    server.start();
  }

  String baseUrl() {
    return server.url("/v23.0").toString();
  }

  /** Called with the wa_id on every recorded reply (the closed loop waits on it). */
  void onReply(Consumer<String> listener) {
    this.onReply = listener;
  }

  /** Arrival times (nanoTime) of the sends to this customer, in arrival order. */
  List<Long> replies(String waId) {
    return repliesByCustomer.getOrDefault(waId, List.of());
  }

  int totalReplies() {
    return repliesByCustomer.values().stream().mapToInt(List::size).sum();
  }

  int reads() {
    return reads.get();
  }

  int rejected() {
    return rejected.get();
  }

  private MockResponse answer(RecordedRequest request) {
    long at = System.nanoTime();
    JsonNode body;
    try {
      body = JSON.readTree(request.getBody().readUtf8());
    } catch (IOException e) {
      rejected.incrementAndGet();
      return new MockResponse().setResponseCode(400);
    }
    if (!("Bearer " + ACCESS_TOKEN).equals(request.getHeader("Authorization"))) {
      rejected.incrementAndGet();
      return new MockResponse().setResponseCode(401);
    }
    if (body.has("status")) {
      reads.incrementAndGet();
      return json("{\"success\":true}");
    }
    String to = body.path("to").asText();
    repliesByCustomer.computeIfAbsent(to, k -> new CopyOnWriteArrayList<>()).add(at);
    onReply.accept(to);
    String wamid = "wamid.BENCH." + UUID.randomUUID();
    return json(
        "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\""
            + to
            + "\",\"wa_id\":\""
            + to
            + "\"}],\"messages\":[{\"id\":\""
            + wamid
            + "\"}]}");
  }

  private MockResponse json(String body) {
    // the send is recorded when it arrives (the customer's phone would get it about then); the
    // answer to Wasla
    // leaves after Meta's latency, which is how long the send holds one of Wasla's sender threads
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody(body)
        .setHeadersDelay(latencyMs, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }

  /**
   * Server sockets whose connections send at once (TCP_NODELAY). MockWebServer flushes a response's
   * headers and then writes its body: without this, Nagle's algorithm holds the body back until
   * Wasla's side acknowledges the headers, which Linux delays by up to 40 ms. Every send then kept
   * one of Wasla's sender threads 40 ms longer than Meta would, and that capped the benchmark at
   * about 8 senders / 45 ms = 177 replies/s (found in a thread dump: all sender threads reading a
   * response body, the mock's threads idle).
   */
  private static final class NoDelayServerSockets extends javax.net.ServerSocketFactory {

    @Override
    public java.net.ServerSocket createServerSocket() throws IOException {
      return new java.net.ServerSocket() {
        @Override
        public java.net.Socket accept() throws IOException {
          java.net.Socket socket = super.accept();
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port) throws IOException {
      throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port, int backlog) throws IOException {
      throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }

    @Override
    public java.net.ServerSocket createServerSocket(
        int port, int backlog, java.net.InetAddress address) throws IOException {
      throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }
  }
}
