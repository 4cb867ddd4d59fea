package app.wasla.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** A webhook receiver played by MockWebServer: records every delivery and what it answered. */
final class WebhookReceiver implements AutoCloseable {

  /** One delivery as received, with the status the receiver answered. */
  record Received(
      String deliveryId,
      String eventId,
      String eventType,
      String signature,
      byte[] body,
      JsonNode envelope,
      int answered) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MockWebServer server = new MockWebServer();
  private final Queue<Received> received = new ConcurrentLinkedQueue<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile boolean down;
  private volatile long delayMs;

  WebhookReceiver() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            int status = down || failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
            byte[] body = request.getBody().readByteArray();
            JsonNode envelope;
            try {
              envelope = JSON.readTree(body);
            } catch (IOException e) {
              envelope = null;
            }
            received.add(
                new Received(
                    request.getHeader("Wasla-Delivery-Id"),
                    request.getHeader("Wasla-Event-Id"),
                    request.getHeader("Wasla-Event-Type"),
                    request.getHeader("Wasla-Signature"),
                    body,
                    envelope,
                    status));
            return new MockResponse()
                .setResponseCode(status)
                .setHeadersDelay(delayMs, TimeUnit.MILLISECONDS);
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String url() {
    return server.url("/hooks").toString();
  }

  /** The next {@code n} deliveries are answered 503. */
  void failNext(int n) {
    failuresLeft.set(n);
  }

  /** While down, every delivery is answered 503. */
  void down(boolean down) {
    this.down = down;
  }

  /** Answers every delivery only after this delay. */
  void slow(long delayMs) {
    this.delayMs = delayMs;
  }

  List<Received> all() {
    return List.copyOf(received);
  }

  /** Deliveries answered 2xx, in the order they arrived. */
  List<Received> accepted() {
    return received.stream().filter(r -> r.answered() == 200).toList();
  }

  List<Received> accepted(String conversationKey, String type) {
    return accepted().stream()
        .filter(
            r ->
                r.envelope() != null
                    && conversationKey.equals(r.envelope().path("conversationKey").asText())
                    && type.equals(r.eventType()))
        .toList();
  }

  static long now() {
    return Instant.now().getEpochSecond();
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
