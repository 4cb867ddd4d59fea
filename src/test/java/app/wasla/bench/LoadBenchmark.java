package app.wasla.bench;

import app.wasla.WaslaApplication;
import app.wasla.channel.whatsapp.WebhookSignature;
import app.wasla.persona.EmbeddedPersona;
import app.wasla.persona.PersonaResult;
import app.wasla.persona.PersonaTurn;
import app.wasla.support.PostgresTestDatabase;
import app.wasla.support.Webhooks;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The load benchmark of issue 8 (a command, not a test; see docs/benchmark.md). Starts Wasla in-process in
 * cloud mode against {@link MetaMock}, plays customers as signed webhooks over HTTP, open loop at a fixed
 * rate and closed loop with K concurrent customers, then measures the bare engine ({@link EngineFloor}) in
 * the same JVM, and writes bench-results/&lt;timestamp&gt;/report.json and report.md.
 *
 * <p>Arguments, all optional, as key=value: db=h2|pg, customers=50, messages=4, rate=20 (open loop msgs/s),
 * concurrency=8, duration=20 (closed loop seconds), drain=20 (seconds to wait for replies), markRead=false,
 * runs=open,closed, floor=true.
 */
public final class LoadBenchmark {

  /** Greetings, thanks, opening hours, delivery fee: each gets one persona reply, no sale, no handoff. */
  static final List<String> TEXTS = List.of(
      "السلام عليكم",
      "مساء الخير",
      "اهلا",
      "hello",
      "hi, good morning",
      "ezayak",
      "salam 3alikom",
      "شكرا جزيلا",
      "thanks a lot",
      "merci ya basha",
      "مواعيد العمل ايه؟",
      "what are your opening hours?",
      "التوصيل بكام؟",
      "good evening",
      "shukran",
      "تمام شكرا");

  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final AtomicLong CUSTOMER_SEQ = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000));

  private final Map<String, String> args;
  private final MetaMock meta;
  private final OkHttpClient http;
  private final String url;
  private final Map<String, Semaphore> replySignals = new ConcurrentHashMap<>();

  private LoadBenchmark(Map<String, String> args, MetaMock meta, int port) {
    this.args = args;
    this.meta = meta;
    this.url = "http://127.0.0.1:" + port + "/webhooks/whatsapp";
    this.http = new OkHttpClient.Builder().connectionPool(new ConnectionPool(32, 1, TimeUnit.MINUTES))
        .readTimeout(30, TimeUnit.SECONDS).build();
    meta.onReply(to -> {
      Semaphore s = replySignals.get(to);
      if (s != null) {
        s.release();
      }
    });
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (String a : argv) {
      String[] kv = a.split("=", 2);
      args.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    String db = args.getOrDefault("db", "h2");
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("startedAt", Instant.now().toString());
    report.put("args", new LinkedHashMap<>(args));
    report.put("machine", machine());
    report.put("textCheck", checkTexts());

    List<Map<String, Object>> runs = new ArrayList<>();
    try (MetaMock meta = new MetaMock()) {
      long startNanos = System.nanoTime();
      ConfigurableApplicationContext wasla = startWasla(db, meta, Boolean.parseBoolean(args.getOrDefault("markRead", "false")));
      report.put("waslaStartupSeconds", Stats.round((System.nanoTime() - startNanos) / 1e9));
      try {
        LoadBenchmark bench = new LoadBenchmark(args, meta,
            Integer.parseInt(wasla.getEnvironment().getProperty("local.server.port")));
        bench.warmUp();
        for (String run : args.getOrDefault("runs", "open,closed").split(",")) {
          Map<String, Object> result = run.equals("open") ? bench.openLoop() : bench.closedLoop();
          result.put("db", db);
          System.out.println("RESULT " + result);
          runs.add(result);
        }
      } finally {
        wasla.close();
      }
    }
    report.put("runs", runs);

    if (Boolean.parseBoolean(args.getOrDefault("floor", "true"))) {
      int customers = intArg(args, "customers", 50);
      // the same customers as the open loop, but at least 2,000 correlations so the figure is not noise
      int messages = Math.max(intArg(args, "messages", 4), (1999 + customers) / customers);
      Map<String, Object> floor = db.equals("pg")
          ? EngineFloor.run(PostgresTestDatabase.url("wasla_bench_floor", true), PostgresTestDatabase.USER, "",
              customers, messages)
          : EngineFloor.run("jdbc:h2:mem:bench-floor;DB_CLOSE_DELAY=-1", "sa", "", customers, messages);
      System.out.println("FLOOR " + floor);
      report.put("engineFloor", floor);
      for (Map<String, Object> run : runs) {
        double waslaCpu = ((Number) run.get("cpuMsPerMessage")).doubleValue();
        double floorCpu = ((Number) floor.get("cpuMsPerMessage")).doubleValue();
        run.put("cpuRatioToFloor", Stats.round(waslaCpu / floorCpu));
        run.put("throughputRatioFloorToWasla",
            Stats.round(((Number) floor.get("msgsPerSecond")).doubleValue()
                / ((Number) run.get("acceptedPerSecond")).doubleValue()));
      }
    }
    Path dir = write(report);
    System.out.println("Report: " + dir.resolve("report.md"));
    System.out.println(Files.readString(dir.resolve("report.md")));
    System.out.flush();
    // exec:java would otherwise wait for idle HTTP and mock threads
    System.exit(0);
  }

  // ---------------------------------------------------------------- Wasla

  private static ConfigurableApplicationContext startWasla(String db, MetaMock meta, boolean markRead) {
    Map<String, String> props = new LinkedHashMap<>();
    if (db.equals("pg")) {
      props.put("spring.datasource.url", PostgresTestDatabase.url("wasla_bench", true));
      props.put("spring.datasource.username", PostgresTestDatabase.USER);
      props.put("spring.datasource.password", "");
    } else {
      props.put("spring.datasource.url", "jdbc:h2:mem:wasla-bench;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    }
    props.put("server.port", "0");
    props.put("wasla.whatsapp.mode", "cloud");
    props.put("wasla.whatsapp.api-base-url", meta.baseUrl());
    props.put("wasla.whatsapp.access-token", MetaMock.ACCESS_TOKEN);
    props.put("wasla.whatsapp.app-secret", Webhooks.APP_SECRET);
    props.put("wasla.whatsapp.verify-token", "bench-verify-token");
    props.put("wasla.whatsapp.mark-read", String.valueOf(markRead));
    // As command-line arguments: default properties would lose to application.yaml
    return new SpringApplicationBuilder(WaslaApplication.class)
        .run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
  }

  /** The embedded persona's reading of each text: the texts must not be sales intents nor hand off. */
  private static List<Map<String, Object>> checkTexts() {
    EmbeddedPersona persona = EmbeddedPersona.createDefault();
    List<Map<String, Object>> out = new ArrayList<>();
    for (String text : TEXTS) {
      PersonaResult r = persona.respond(PersonaTurn.of("check", text));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("text", text);
      row.put("intent", r.intent());
      row.put("confidence", Stats.round(r.intentConfidence()));
      row.put("handoff", r.handoff());
      out.add(row);
    }
    return out;
  }

  // ---------------------------------------------------------------- load

  private void warmUp() throws Exception {
    Run run = new Run("warm-up");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int i = 0; i < 40; i++) {
      String waId = newCustomer();
      pool.submit(() -> send(run, waId, 0));
    }
    pool.shutdown();
    pool.awaitTermination(60, TimeUnit.SECONDS);
    run.drain(meta, 30);
  }

  /** N customers × M messages at a fixed rate, round robin over the customers. */
  private Map<String, Object> openLoop() throws Exception {
    int customers = intArg(args, "customers", 50);
    int messages = intArg(args, "messages", 4);
    double rate = Double.parseDouble(args.getOrDefault("rate", "20"));
    List<String> waIds = new ArrayList<>();
    for (int i = 0; i < customers; i++) {
      waIds.add(newCustomer());
    }
    Run run = new Run("open loop " + rate + "/s");
    ExecutorService pool = Executors.newFixedThreadPool(intArg(args, "clients", 16));
    long interval = (long) (1e9 / rate);
    long t0 = System.nanoTime();
    run.begin();
    int i = 0;
    for (int m = 0; m < messages; m++) {
      for (String waId : waIds) {
        long due = t0 + i++ * interval;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        int seq = m;
        pool.submit(() -> {
          run.lateness(System.nanoTime() - due);
          send(run, waId, seq);
        });
      }
    }
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.MINUTES);
    run.sendingDone();
    run.drain(meta, intArg(args, "drain", 20));
    Map<String, Object> result = run.result(meta);
    result.put("offeredPerSecond", rate);
    result.put("customers", customers);
    result.put("messagesPerCustomer", messages);
    return result;
  }

  /** K virtual customers, each sends, waits for its reply, sends the next; M messages, then a new customer. */
  private Map<String, Object> closedLoop() throws Exception {
    int concurrency = intArg(args, "concurrency", 8);
    int messages = intArg(args, "messages", 4);
    long deadline = System.nanoTime() + intArg(args, "duration", 20) * 1_000_000_000L;
    Run run = new Run("closed loop K=" + concurrency);
    AtomicInteger timeouts = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    run.begin();
    for (int k = 0; k < concurrency; k++) {
      pool.submit(() -> {
        while (System.nanoTime() < deadline) {
          String waId = newCustomer();
          Semaphore replies = new Semaphore(0);
          replySignals.put(waId, replies);
          for (int m = 0; m < messages && System.nanoTime() < deadline; m++) {
            send(run, waId, m);
            try {
              if (!replies.tryAcquire(10, TimeUnit.SECONDS)) {
                timeouts.incrementAndGet();
                break;
              }
            } catch (InterruptedException e) {
              return;
            }
          }
          replySignals.remove(waId);
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.MINUTES);
    run.sendingDone();
    run.drain(meta, intArg(args, "drain", 20));
    Map<String, Object> result = run.result(meta);
    result.put("concurrency", concurrency);
    result.put("messagesPerCustomer", messages);
    result.put("replyWaitTimeouts", timeouts.get());
    return result;
  }

  private void send(Run run, String waId, int seq) {
    String text = TEXTS.get(ThreadLocalRandom.current().nextInt(TEXTS.size()));
    byte[] body = Webhooks.text(waId, "wamid.bench." + waId + "." + seq, text, Instant.now());
    Request request = new Request.Builder().url(url).post(RequestBody.create(body, JSON_TYPE))
        .header("X-Hub-Signature-256", WebhookSignature.sign(body, Webhooks.APP_SECRET)).build();
    long sent = System.nanoTime();
    run.sent(waId, sent);
    try (Response response = http.newCall(request).execute()) {
      long acked = System.nanoTime();
      run.acked(acked - sent, response.code() == 200);
    } catch (Exception e) {
      run.acked(System.nanoTime() - sent, false);
    }
  }

  private static String newCustomer() {
    return "2011" + String.format("%08d", CUSTOMER_SEQ.incrementAndGet() % 100_000_000L);
  }

  static int intArg(Map<String, String> args, String key, int fallback) {
    return Integer.parseInt(args.getOrDefault(key, String.valueOf(fallback)));
  }

  // ---------------------------------------------------------------- one run's measurements

  /** What one run sent and when; matched against the mock's replies at the end. */
  static final class Run {
    final String name;
    final Map<String, List<Long>> sends = new ConcurrentHashMap<>();
    final Stats ack = new Stats();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicLong maxLateness = new AtomicLong();
    final AtomicLong peakHeap = new AtomicLong();
    long beginNanos;
    long cpuAtBegin;
    long sendingDoneNanos;
    long drainedNanos;
    long cpuAtDrained;
    private volatile boolean sampling;

    Run(String name) {
      this.name = name;
    }

    void begin() {
      System.gc();
      beginNanos = System.nanoTime();
      cpuAtBegin = EngineFloor.Cpu.processNanos();
      sampling = true;
      Thread sampler = new Thread(() -> {
        while (sampling) {
          long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
          peakHeap.accumulateAndGet(used, Math::max);
          LockSupport.parkNanos(100_000_000L);
        }
      }, "bench-heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    void sent(String waId, long at) {
      sends.computeIfAbsent(waId, k -> new CopyOnWriteArrayList<>()).add(at);
    }

    void acked(long latency, boolean ok) {
      ack.add(latency);
      (ok ? accepted : refused).incrementAndGet();
    }

    void lateness(long nanos) {
      maxLateness.accumulateAndGet(nanos, Math::max);
    }

    void sendingDone() {
      sendingDoneNanos = System.nanoTime();
    }

    /** Waits until every customer's last message has a reply after it, or the timeout; then 1.5 s for stragglers. */
    void drain(MetaMock meta, int seconds) throws InterruptedException {
      long until = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < until && !allAnswered(meta)) {
        Thread.sleep(50);
      }
      drainedNanos = System.nanoTime();
      cpuAtDrained = EngineFloor.Cpu.processNanos();
      sampling = false;
      Thread.sleep(1500);
    }

    private boolean allAnswered(MetaMock meta) {
      for (Map.Entry<String, List<Long>> e : sends.entrySet()) {
        List<Long> replies = meta.replies(e.getKey());
        long lastSent = e.getValue().stream().mapToLong(Long::longValue).max().orElse(0);
        if (replies.isEmpty() || replies.get(replies.size() - 1) < lastSent) {
          return false;
        }
      }
      return true;
    }

    /**
     * Matches replies to messages per customer. With as many replies as messages, in order, one to one.
     * Otherwise each reply answers every not yet answered message of that
     * customer sent before it arrived (several quick messages may be answered as one turn: "merged").
     * A message no reply answers is "no reply". Duplicates: more replies than messages for a customer. A reply
     * that arrives before the message it answers was counted as sent (the reply to the previous message came
     * late) answers nothing in this walk; it is counted apart, and the walk then understates that message's
     * first-response time: the open loop's figure is exact only while first-response time stays below the
     * spacing of one customer's messages (customers / rate).
     */
    Map<String, Object> result(MetaMock meta) {
      Stats firstResponse = new Stats();
      int messages = 0;
      int noReply = 0;
      int merged = 0;
      int duplicates = 0;
      int ambiguous = 0;
      int repliesTotal = 0;
      for (Map.Entry<String, List<Long>> e : sends.entrySet()) {
        long[] sent = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
        List<Long> replies = meta.replies(e.getKey());
        messages += sent.length;
        repliesTotal += replies.size();
        duplicates += Math.max(0, replies.size() - sent.length);
        if (replies.size() == sent.length) {
          // as many replies as messages: the k-th reply answers the k-th message (no ambiguity)
          for (int k = 0; k < sent.length; k++) {
            firstResponse.add(replies.get(k) - sent[k]);
          }
          continue;
        }
        int next = 0;
        for (long reply : replies) {
          int answered = 0;
          while (next < sent.length && sent[next] < reply) {
            firstResponse.add(reply - sent[next]);
            next++;
            answered++;
          }
          if (answered == 0) {
            ambiguous++;
          } else {
            merged += answered - 1;
          }
        }
        noReply += sent.length - next;
      }
      double sendingSeconds = (sendingDoneNanos - beginNanos) / 1e9;
      double cpuMs = (cpuAtDrained - cpuAtBegin) / 1e6;
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("run", name);
      out.put("messagesSent", messages);
      out.put("accepted", accepted.get());
      out.put("refusedOrFailed", refused.get());
      out.put("sendingSeconds", Stats.round(sendingSeconds));
      out.put("acceptedPerSecond", Stats.round(accepted.get() / sendingSeconds));
      out.put("repliesPerSecond", Stats.round(repliesTotal / ((drainedNanos - beginNanos) / 1e9)));
      out.put("ackLatency", ack.summary());
      out.put("firstResponse", firstResponse.summary());
      out.put("replies", repliesTotal);
      out.put("turnsMerged", merged);
      out.put("noReplyAfterDrain", noReply);
      out.put("duplicateReplies", duplicates);
      out.put("repliesArrivedBeforeTheirMessage", ambiguous);
      out.put("maxSendLatenessMs", Stats.round(maxLateness.get() / 1e6));
      out.put("cpuSeconds", Stats.round(cpuMs / 1000));
      out.put("cpuMsPerMessage", Math.round(cpuMs / Math.max(1, accepted.get()) * 1000.0) / 1000.0);
      out.put("cpuUtilisation", Stats.round(cpuMs / 1e3 / ((drainedNanos - beginNanos) / 1e9)));
      out.put("peakHeapMb", peakHeap.get() / (1024 * 1024));
      return out;
    }
  }

  // ---------------------------------------------------------------- report

  private static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    try {
      Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
          .ifPresent(l -> m.put("cpu", l.substring(l.indexOf(':') + 1).trim()));
    } catch (Exception ignored) {
      // not Linux
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Path write(Map<String, Object> report) throws Exception {
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    Path dir = Path.of("bench-results", stamp);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.json"), JSON.writeValueAsString(report), StandardCharsets.UTF_8);

    StringBuilder md = new StringBuilder("# Wasla load benchmark, ").append(report.get("startedAt")).append("\n\n");
    md.append("Machine: ").append(report.get("machine")).append("  \nArguments: ").append(report.get("args"))
        .append("\n\n");
    md.append("| run | db | sent | accepted/s | replies/s | ack p50/p95/p99 ms | first response p50/p95/p99 ms "
        + "| merged | no reply | duplicates | CPU ms/msg | CPU × floor | peak heap MB |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> r : (List<Map<String, Object>>) report.get("runs")) {
      Map<String, Object> ack = (Map<String, Object>) r.get("ackLatency");
      Map<String, Object> frt = (Map<String, Object>) r.get("firstResponse");
      md.append("| ").append(r.get("run")).append(" | ").append(r.get("db")).append(" | ").append(r.get("messagesSent"))
          .append(" | ").append(r.get("acceptedPerSecond")).append(" | ").append(r.get("repliesPerSecond"))
          .append(" | ").append(ack.get("p50Ms")).append(" / ").append(ack.get("p95Ms")).append(" / ").append(ack.get("p99Ms"))
          .append(" | ").append(frt.get("p50Ms")).append(" / ").append(frt.get("p95Ms")).append(" / ").append(frt.get("p99Ms"))
          .append(" | ").append(r.get("turnsMerged")).append(" | ").append(r.get("noReplyAfterDrain"))
          .append(" | ").append(r.get("duplicateReplies")).append(" | ").append(r.get("cpuMsPerMessage"))
          .append(" | ").append(r.getOrDefault("cpuRatioToFloor", "–")).append(" | ").append(r.get("peakHeapMb"))
          .append(" |\n");
    }
    Map<String, Object> floor = (Map<String, Object>) report.get("engineFloor");
    if (floor != null) {
      md.append("\nEngine floor (bare Camunda, same JVM, history none, 4 threads): ").append(floor.get("correlations"))
          .append(" correlations, ").append(floor.get("msgsPerSecond")).append(" msgs/s, ")
          .append(floor.get("cpuMsPerMessage")).append(" CPU ms/msg (").append(floor.get("database")).append(")\n");
    }
    md.append("\nCPU is the whole JVM's (Wasla, the load generator and the mock together; PostgreSQL's own CPU is "
        + "not counted). Text check (embedded persona's reading of the texts sent):\n\n");
    for (Map<String, Object> t : (List<Map<String, Object>>) report.get("textCheck")) {
      md.append("- ").append(t.get("text")).append(": ").append(t.get("intent")).append(" ")
          .append(t.get("confidence")).append(Boolean.TRUE.equals(t.get("handoff")) ? " HANDOFF" : "").append("\n");
    }
    Files.writeString(dir.resolve("report.md"), md.toString(), StandardCharsets.UTF_8);
    return dir;
  }
}
