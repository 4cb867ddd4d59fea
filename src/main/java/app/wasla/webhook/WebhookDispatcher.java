package app.wasla.webhook;

import app.wasla.system.AfterCommit;
import io.github.resilience4j.core.IntervalFunction;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox: polls due deliveries, claims each (safe across nodes), and posts it signed
 * on its own pool of workers with hard timeouts, so a slow or dead receiver holds at most {@code
 * max-in-flight-per-subscription} workers and never a conversation's thread or transaction.
 * Failures are retried with exponential backoff and jitter until the retry horizon, then
 * dead-lettered.
 */
@Component
public class WebhookDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final Deliveries deliveries;
  private final WebhookProperties props;
  private final Clock clock;
  private final OkHttpClient http;
  private final IntervalFunction backoff;
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger busyWorkers = new AtomicInteger();
  private final AtomicBoolean pollQueued = new AtomicBoolean();
  private volatile ExecutorService workers;
  private volatile ScheduledExecutorService poller;
  private volatile boolean running;

  private final WebhookTargets targets;

  WebhookDispatcher(
      Deliveries deliveries, WebhookProperties props, Clock clock, WebhookTargets targets) {
    this.deliveries = deliveries;
    this.targets = targets;
    this.props = props;
    this.clock = clock;
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(props.connectTimeout())
            .readTimeout(props.readTimeout())
            .writeTimeout(props.readTimeout())
            .callTimeout(props.callTimeout())
            // every resolved address is checked on every connection, not only the URL at
            // subscription time
            .dns(targets.dns())
            .followRedirects(false)
            .retryOnConnectionFailure(false)
            .build();
    // 1x, 2x, 4x ... of the initial backoff, each randomized by +-50%, capped at max-backoff
    this.backoff =
        IntervalFunction.ofExponentialRandomBackoff(
            props.initialBackoff(), 2.0, 0.5, props.maxBackoff());
  }

  /** Looks for due deliveries soon (after an event was committed, or a delivery finished). */
  public void wake() {
    if (running && pollQueued.compareAndSet(false, true)) {
      poller.execute(this::poll);
    }
  }

  private void poll() {
    pollQueued.set(false);
    try {
      int free = props.workers() - busyWorkers.get();
      if (free <= 0) {
        return;
      }
      Instant now = clock.instant();
      List<Deliveries.Due> due = deliveries.due(now, Math.max(free * 4, 16));
      for (Deliveries.Due d : due) {
        if (busyWorkers.get() >= props.workers()) {
          break;
        }
        AtomicInteger perSubscription =
            inFlight.computeIfAbsent(d.subscriptionId(), k -> new AtomicInteger());
        if (perSubscription.get() >= props.maxInFlightPerSubscription()) {
          continue;
        }
        if (!deliveries.claim(d.id(), now, now.plus(props.lease()))) {
          continue;
        }
        perSubscription.incrementAndGet();
        busyWorkers.incrementAndGet();
        workers.execute(
            () -> {
              try {
                attempt(d);
              } catch (RuntimeException e) {
                // e.g. the subscription was deleted mid-attempt; the lease ends and the poll
                // decides again
                log.warn("Recording webhook delivery {} failed", d.id(), e);
              } finally {
                perSubscription.decrementAndGet();
                busyWorkers.decrementAndGet();
                wake();
              }
            });
      }
    } catch (RuntimeException e) {
      log.warn("Webhook poll failed; next one in {}", props.pollInterval(), e);
    }
  }

  private void attempt(Deliveries.Due d) {
    byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
    Instant start = clock.instant();
    HttpUrl url = HttpUrl.parse(d.url());
    if (url == null) {
      fail(d, start, null, "invalid URL");
      return;
    }
    Request request =
        new Request.Builder()
            .url(url)
            .header("User-Agent", "Wasla-Webhooks/1")
            .header("Wasla-Delivery-Id", d.id())
            .header("Wasla-Event-Id", d.eventId())
            .header("Wasla-Event-Type", d.eventType())
            .header("Wasla-Timestamp", String.valueOf(start.getEpochSecond()))
            .header(
                WebhookSignature.HEADER,
                WebhookSignature.sign(body, d.secret(), start.getEpochSecond()))
            .post(RequestBody.create(body, JSON))
            .build();
    Integer code = null;
    String error;
    try (Response response = call(request)) {
      code = response.code();
      if (response.isSuccessful()) {
        Instant end = clock.instant();
        deliveries.delivered(d.id(), end, code, Duration.between(start, end).toMillis());
        return;
      }
      error = "HTTP " + code;
    } catch (IOException | RuntimeException e) {
      error = describe(e);
    }
    fail(d, start, code, error);
  }

  private Response call(Request request) throws IOException {
    targets.checkLiteral(request.url().host());
    return http.newCall(request).execute();
  }

  /**
   * What failed, for the delivery log the API shows: a fixed phrase, never the exception's message
   * (it names internal hosts and ports, which would make the log a port scanner).
   */
  static String describe(Exception e) {
    if (e instanceof WebhookTargets.AddressNotAllowedException) {
      return "address not allowed";
    }
    if (e instanceof UnknownHostException) {
      return "host not found";
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return "connection refused";
    }
    if (e instanceof InterruptedIOException) {
      return "timeout";
    }
    if (e instanceof SSLException) {
      return "TLS failure";
    }
    if (e instanceof IOException) {
      return "connection failed";
    }
    return "delivery failed";
  }

  private void fail(Deliveries.Due d, Instant start, Integer code, String error) {
    Instant end = clock.instant();
    int attempts = d.attempts() + 1;
    Instant next = end.plusMillis(backoff.apply(attempts));
    boolean dead = !next.isBefore(d.horizonFrom().plus(props.retryHorizon()));
    if (dead) {
      log.warn(
          "Webhook delivery {} of event {} dead-lettered after {} attempts: {}",
          d.id(),
          d.eventId(),
          attempts,
          error);
    } else {
      log.debug(
          "Webhook delivery {} attempt {} failed ({}), next at {}", d.id(), attempts, error, next);
    }
    deliveries.failed(
        d.id(), end, code, error, Duration.between(start, end).toMillis(), dead ? null : next);
  }

  @Override
  public void start() {
    if (!props.enabled()) {
      log.info(
          "Webhook delivery is disabled (wasla.webhooks.enabled=false); events are still recorded");
      return;
    }
    workers = Executors.newFixedThreadPool(props.workers(), AfterCommit.daemonThreads("webhook-"));
    poller = Executors.newSingleThreadScheduledExecutor(AfterCommit.daemonThreads("webhook-poll-"));
    running = true;
    poller.scheduleWithFixedDelay(
        this::poll, 0, props.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    log.info(
        "Webhook delivery started: {} workers, poll every {}",
        props.workers(),
        props.pollInterval());
  }

  @Override
  public void stop() {
    running = false;
    if (workers != null) {
      poller.shutdownNow();
      workers.shutdown();
      try {
        workers.awaitTermination(props.callTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 200;
  }
}
