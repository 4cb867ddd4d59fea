package app.wasla.bench;

import app.wasla.WaslaApplication;
import app.wasla.channel.whatsapp.WebhookSignature;
import app.wasla.persona.EmbeddedPersona;
import app.wasla.persona.PersonaResult;
import app.wasla.persona.PersonaTurn;
import app.wasla.support.CloudMode;
import app.wasla.support.PostgresTestDatabase;
import app.wasla.support.Webhooks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
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

/**
 * The load benchmark (a command, not a test; see docs/benchmark.md and bench/run.sh). This JVM is
 * the load generator and {@link MetaMock}; Wasla runs in a child JVM ({@link ChildJvm}) in cloud
 * mode against the mock, so that its CPU and heap are its own. Per database: warm-up, an open-loop
 * rate sweep, closed loops at several concurrencies, and on PostgreSQL the growth runs over seeded
 * live conversations ({@link Seeder}); then the engine floor ({@link EngineFloor}) in a fresh child
 * JVM per history level. Writes bench-results/&lt;timestamp&gt;/report.json, report.md and
 * latency-vs-throughput.png.
 *
 * <p>Arguments (key=value, all optional) are listed in docs/benchmark.md.
 */
public final class LoadBenchmark {

  /**
   * Greetings, thanks, opening hours, delivery fee: each gets one persona reply, no sale, no
   * handoff.
   */
  static final List<String> TEXTS =
      List.of(
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

  /**
   * mix=sales: a customer greets, asks for a product's price (the order-and-pay flow: price and
   * branches with buttons; looked up in the turn with the demo store), then taps "Order now" (stock
   * reserved, payment link sent, each in a job). Every product here is in the demo catalogue with
   * stock in a branch.
   */
  static final List<String> GREETINGS =
      List.of("السلام عليكم", "مساء الخير", "hello", "hi, good morning", "ezayak", "salam 3alikom");

  static final List<String> PRODUCT_QUESTIONS =
      List.of(
          "الايفون ١٥ بكام؟",
          "how much is the iPhone 15?",
          "عندكم ايربودز برو؟",
          "do you have AirPods Pro in stock?",
          "bekam el galaxy a15?",
          "سعر ريدمي نوت 13 كام؟",
          "price of the JBL Flip 6?",
          "عايز شاحن انكر",
          "3andoko power bank?",
          "how much is a usb-c cable?");

  /**
   * {@code burst} above 1 (chat mix): what people type as several short messages in a row, a
   * greeting and then the question, or their thanks at the end. A customer's last burst is thanks,
   * the ones before it questions; each one answered by the persona as a whole (checked in the
   * report's text check).
   */
  static final List<List<String>> QUESTION_BURSTS =
      List.of(
          List.of("السلام عليكم", "لو سمحت", "مواعيد العمل ايه؟"),
          List.of("اهلا", "انتو فاتحين امتى؟", "والجمعة؟"),
          List.of("مساء الخير", "بتوصلوا اسكندرية؟", "في كام يوم؟"),
          List.of("hello", "do you deliver to Alexandria?", "how long does it take?"),
          List.of("hi", "what payment methods do you accept?", "cash on delivery?"),
          List.of("ezayak", "3ayez a3raf", "el tawsil bekam?"),
          List.of("ezayak", "3ayez a3raf", "fat7in emta?"));

  static final List<List<String>> THANKS_BURSTS =
      List.of(
          List.of("شكرا جزيلا", "تمام", "مع السلامة"),
          List.of("thanks a lot", "that helps", "bye"),
          List.of("merci ya basha", "tamam", "shukran"));

  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final AtomicLong SEND_SEQ = new AtomicLong();
  private static final AtomicLong CUSTOMER_SEQ =
      new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000));

  private final Map<String, String> args;

  /** mix=sales (see {@link #PRODUCT_QUESTIONS}); otherwise the chat mix of {@link #TEXTS}. */
  private final boolean salesMix;

  /**
   * Messages a customer types in a row ({@code burst}, at least 1) and the time between them
   * ({@code burstGapMs}).
   */
  private final int burst;

  private final long burstGapMs;
  private final MetaMock meta;
  private final Wasla wasla;

  /**
   * Every Wasla node on the database ({@code nodes}, PostgreSQL only): the first one and the
   * others.
   */
  private final List<Wasla> nodes;

  private final OkHttpClient http;

  /** Webhooks go to the nodes in turn, as a load balancer spreads them. */
  private final List<String> urls;

  private final AtomicInteger nextNode = new AtomicInteger();
  private final Map<String, Semaphore> replySignals = new ConcurrentHashMap<>();

  private LoadBenchmark(Map<String, String> args, MetaMock meta, Wasla wasla, List<Wasla> more) {
    this.args = args;
    this.salesMix = isSalesMix(args);
    this.burst = burst(args);
    this.burstGapMs = intArg(args, "burstGapMs", 100);
    this.meta = meta;
    this.wasla = wasla;
    List<Wasla> all = new ArrayList<>(List.of(wasla));
    all.addAll(more);
    this.nodes = List.copyOf(all);
    this.urls = nodes.stream().map(n -> n.baseUrl + "/webhooks/whatsapp").toList();
    this.http =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(32, 1, TimeUnit.MINUTES))
            .readTimeout(30, TimeUnit.SECONDS)
            .build();
    meta.onReply(
        to -> {
          Semaphore s = replySignals.get(to);
          if (s != null) {
            s.release();
          }
        });
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = parseArgs(argv);
    if (!System.getProperty("java.class.path").contains("test-classes")) {
      // under exec:java the JVM's classpath is Maven's, and the child JVMs need the project's
      System.err.println(
          "Run the benchmark with bench/run.sh (a plain JVM on the project's classpath)");
      System.exit(2);
    }
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    Path dir = Path.of(args.getOrDefault("out", "bench-results"), stamp);
    Files.createDirectories(dir);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("startedAt", Instant.now().toString());
    report.put("args", new LinkedHashMap<>(args));
    report.put("machine", machine());
    report.put(
        "textCheck",
        checkTexts(
            isSalesMix(args)
                ? java.util.stream.Stream.concat(GREETINGS.stream(), PRODUCT_QUESTIONS.stream())
                    .toList()
                : burst(args) > 1
                    ? java.util.stream.Stream.concat(
                            QUESTION_BURSTS.stream(), THANKS_BURSTS.stream())
                        .map(b -> String.join("\n", b))
                        .toList()
                    : TEXTS));

    List<Map<String, Object>> runs = new ArrayList<>();
    List<Map<String, Object>> seeding = new ArrayList<>();
    Map<String, Map<String, Object>> floors = new LinkedHashMap<>();
    List<String> steps = list(args.getOrDefault("runs", "open,closed,growth,floor"));
    for (String db : list(args.getOrDefault("db", "h2"))) {
      if (steps.contains("open") || steps.contains("closed") || steps.contains("growth")) {
        try (MetaMock meta = new MetaMock(intArg(args, "metaLatencyMs", 0));
            Wasla wasla = Wasla.start(db, meta, args, dir, 1);
            Wasla.More more = Wasla.more(db, meta, args, dir)) {
          LoadBenchmark bench = new LoadBenchmark(args, meta, wasla, more.nodes());
          report.put("waslaStartupSeconds." + db, wasla.startupSeconds);
          bench.warmUp();
          wasla.analyze();
          if (steps.contains("open")) {
            for (String rate :
                list(args.getOrDefault("rates", args.getOrDefault("rate", "10,20")))) {
              runs.add(bench.report(bench.openLoop(Double.parseDouble(rate), 0, 0), db, null));
            }
          }
          if (steps.contains("closed")) {
            for (String k : list(args.getOrDefault("concurrency", "4,8"))) {
              runs.add(bench.report(bench.closedLoop(Integer.parseInt(k)), db, null));
            }
          }
          if (steps.contains("growth") && db.equals("pg") && args.containsKey("live")) {
            for (String level : list(args.get("live"))) {
              Map<String, Object> seeded = seed(wasla, Integer.parseInt(level), args, dir);
              seeding.add(seeded);
              wasla.analyze();
              System.out.println("SEEDED " + seeded);
              Map<String, Object> run =
                  bench.openLoop(
                      Double.parseDouble(
                          args.getOrDefault(
                              "growthRate",
                              list(args.getOrDefault("rates", args.getOrDefault("rate", "10")))
                                  .get(0))),
                      Integer.parseInt(level),
                      Double.parseDouble(args.getOrDefault("growthSeededShare", "0.5")));
              run.put("seededConversations", Integer.parseInt(level));
              run.put("conversationsInDb", wasla.count("SELECT COUNT(*) FROM conversation"));
              run.put(
                  "liveInstancesInDb",
                  wasla.count("SELECT COUNT(*) FROM act_ru_execution WHERE id_ = proc_inst_id_"));
              runs.add(bench.report(run, db, "growth"));
            }
          }
        }
      }
      if (steps.contains("floor")) {
        if (db.equals("pg")) {
          Wasla.checkpoint(PostgresTestDatabase.url("postgres", false));
        }
        for (String history : list(args.getOrDefault("floorHistory", "none,full"))) {
          Map<String, Object> floor = floor(db, history, args, dir);
          System.out.println("FLOOR " + floor);
          floors.put(db + "/" + history, floor);
        }
      }
    }
    for (Map<String, Object> run : runs) {
      Map<String, Object> ratios = new LinkedHashMap<>();
      floors.forEach(
          (k, floor) -> {
            if (k.startsWith(run.get("db") + "/")) {
              ratios.put(k.substring(k.indexOf('/') + 1), ratios(run, floor));
            }
          });
      run.put("ratioToFloor", ratios);
    }
    report.put("runs", runs);
    report.put("seeding", seeding);
    report.put("engineFloor", floors);
    report.put("loadAverageAtEnd", Proc.loadAverage());
    Files.writeString(
        dir.resolve("report.json"), JSON.writeValueAsString(report), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("report.md"), Report.markdown(report), StandardCharsets.UTF_8);
    Plot.latencyVsThroughput(runs, dir.resolve("latency-vs-throughput.png"));
    System.out.println("Report: " + dir.resolve("report.md"));
    System.out.println(Files.readString(dir.resolve("report.md")));
    System.out.flush();
    // idle OkHttp and mock threads would keep the JVM alive
    System.exit(0);
  }

  /**
   * Wasla's CPU per message over the engine's CPU per correlation: JVM side, PostgreSQL side, and
   * both.
   */
  private static Map<String, Object> ratios(Map<String, Object> run, Map<String, Object> floor) {
    Map<String, Object> r = new LinkedHashMap<>();
    double jvm = num(run.get("waslaCpuMsPerMessage")) / num(floor.get("jvmCpuMsPerMessage"));
    r.put("jvmCpu", Stats.round(jvm));
    if (run.containsKey("pgCpuMsPerMessageOurDb") && floor.containsKey("pgCpuMsPerMessageOurDb")) {
      r.put(
          "pgCpu",
          Stats.round(
              num(run.get("pgCpuMsPerMessageOurDb")) / num(floor.get("pgCpuMsPerMessageOurDb"))));
      r.put(
          "totalCpu",
          Stats.round(
              (num(run.get("waslaCpuMsPerMessage")) + num(run.get("pgCpuMsPerMessageOurDb")))
                  / (num(floor.get("jvmCpuMsPerMessage"))
                      + num(floor.get("pgCpuMsPerMessageOurDb")))));
    }
    r.put(
        "throughputFloorOverWasla",
        Stats.round(num(floor.get("msgsPerSecond")) / num(run.get("repliesPerSecond"))));
    return r;
  }

  static double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  // ---------------------------------------------------------------- child JVMs

  /** Wasla in its own JVM, in cloud mode against the mock. */
  static final class Wasla implements AutoCloseable {
    final ChildJvm jvm;
    final String baseUrl;
    final String pgDatabase;
    final String jdbcUrl;
    final double startupSeconds;

    private Wasla(
        ChildJvm jvm, String baseUrl, String pgDatabase, String jdbcUrl, double startupSeconds) {
      this.jvm = jvm;
      this.baseUrl = baseUrl;
      this.pgDatabase = pgDatabase;
      this.jdbcUrl = jdbcUrl;
      this.startupSeconds = startupSeconds;
    }

    /** The nodes after the first ({@code nodes} above 1), on the first one's database. */
    record More(List<Wasla> nodes) implements AutoCloseable {
      @Override
      public void close() throws InterruptedException {
        for (Wasla node : nodes) {
          node.close();
        }
      }
    }

    static More more(String db, MetaMock meta, Map<String, String> args, Path dir)
        throws Exception {
      int count = intArg(args, "nodes", 1);
      if (count > 1 && !db.equals("pg")) {
        throw new IllegalArgumentException("nodes above 1 share one database: db=pg only");
      }
      List<Wasla> nodes = new ArrayList<>();
      try {
        for (int node = 2; node <= count; node++) {
          nodes.add(start(db, meta, args, dir, node));
        }
      } catch (Exception e) {
        new More(nodes).close();
        throw e;
      }
      return new More(List.copyOf(nodes));
    }

    /** Node 1 starts on a fresh database; the others join it. */
    static Wasla start(String db, MetaMock meta, Map<String, String> args, Path dir, int node)
        throws Exception {
      Map<String, String> props = new LinkedHashMap<>();
      String pgDatabase = null;
      String jdbcUrl;
      if (db.equals("pg")) {
        pgDatabase = args.getOrDefault("pgPrefix", "wasla_bench_h") + "_app";
        jdbcUrl = PostgresTestDatabase.url(pgDatabase, node == 1);
        pgDatabase = Seeder.dbName(jdbcUrl);
        props.put("spring.datasource.url", jdbcUrl);
        props.put("spring.datasource.username", PostgresTestDatabase.USER);
        props.put("spring.datasource.password", "");
      } else {
        // a file, as the embedded default keeps it (./data): in memory the whole database sat in
        // Wasla's heap, and
        // after a long warm-up on a fast machine it filled the 1 GB and the runs measured the
        // garbage collector
        jdbcUrl =
            "jdbc:h2:file:"
                + dir.toAbsolutePath().resolve("wasla-h2").resolve("wasla")
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000"
                + h2WriteDelay(args)
                + h2Cache(args);
        props.put("spring.datasource.url", jdbcUrl);
      }
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      props.put("server.port", String.valueOf(port));
      props.put("wasla.whatsapp.mode", "cloud");
      props.put("wasla.whatsapp.api-base-url", meta.baseUrl());
      props.put("wasla.whatsapp.access-token", MetaMock.ACCESS_TOKEN);
      props.put("wasla.whatsapp.app-secret", Webhooks.APP_SECRET);
      props.put("wasla.whatsapp.verify-token", "bench-verify-token");
      CloudMode.safetyProperties().forEach(props::putIfAbsent);
      props.put("wasla.whatsapp.mark-read", args.getOrDefault("markRead", "false"));
      // Wasla's capacity is measured, not Meta's per-number throughput (80 messages/s by default,
      // enforced by
      // wasla.whatsapp.messages-per-second since the outbox paces its sends)
      props.put("wasla.whatsapp.messages-per-second", args.getOrDefault("metaRate", "100000"));
      // no conversation may close on inactivity during a long run (the seeded ones included)
      props.put("wasla.mailbox.inactivity-timeout", args.getOrDefault("inactivity", "PT6H"));
      List<String> jvmOptions =
          new ArrayList<>(List.of("-Xmx" + args.getOrDefault("waslaXmx", "1g")));
      jvmOptions.addAll(list(args.getOrDefault("waslaJvm", "")));
      // as command-line arguments: default properties would lose to application.yaml
      List<String> cli = new ArrayList<>();
      props.forEach((k, v) -> cli.add("--" + k + "=" + v));
      list(args.getOrDefault("waslaProps", "")).forEach(p -> cli.add("--" + p));
      long t0 = System.nanoTime();
      String log = "wasla-" + db + (node == 1 ? "" : "-node" + node) + ".log";
      ChildJvm jvm =
          ChildJvm.start(WaslaApplication.class.getName(), jvmOptions, cli, dir.resolve(log));
      String base = "http://127.0.0.1:" + port;
      OkHttpClient probe = new OkHttpClient.Builder().readTimeout(5, TimeUnit.SECONDS).build();
      long deadline = System.nanoTime() + 300_000_000_000L;
      while (true) {
        if (!jvm.isAlive()) {
          throw new IllegalStateException("Wasla ended during start-up; see " + dir.resolve(log));
        }
        try (Response r =
            probe.newCall(new Request.Builder().url(base + "/actuator/health").build()).execute()) {
          if (r.code() == 200) {
            break;
          }
        } catch (Exception notYet) {
          // still starting
        }
        if (System.nanoTime() > deadline) {
          jvm.close();
          throw new IllegalStateException("Wasla did not come up in 300 s");
        }
        Thread.sleep(250);
      }
      double startup = Stats.round((System.nanoTime() - t0) / 1e9);
      System.out.println(
          "Wasla ("
              + db
              + ", node "
              + node
              + ") up in "
              + startup
              + " s, pid "
              + jvm.pid()
              + ", "
              + base);
      return new Wasla(jvm, base, pgDatabase, jdbcUrl, startup);
    }

    /** Heap in use now, from the actuator (bytes); -1 when unavailable. */
    long heapUsed(OkHttpClient http) {
      // cloud mode shows metrics to administrators only
      Request req =
          new Request.Builder()
              .url(baseUrl + "/actuator/metrics/jvm.memory.used?tag=area:heap")
              .header(
                  "Authorization",
                  okhttp3.Credentials.basic(CloudMode.ADMIN_ID, CloudMode.ADMIN_PASSWORD))
              .build();
      try (Response r = http.newCall(req).execute()) {
        JsonNode body = JSON.readTree(r.body().string());
        return (long) body.path("measurements").path(0).path("value").asDouble(-1);
      } catch (Exception e) {
        return -1;
      }
    }

    /**
     * What autovacuum does in production: fresh planner statistics after a burst of writes (the
     * warm-up, a seeding). The PostgreSQL of these machines runs with autovacuum off, and with no
     * statistics the planner takes a 10,000-row table for a 4-row one: Camunda's correlation query
     * then joined every waiting conversation's subscription (35 ms at 10,000 live conversations
     * instead of 0.8 ms).
     */
    void analyze() {
      if (pgDatabase == null) {
        return;
      }
      try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresTestDatabase.USER, "")) {
        c.createStatement().execute("ANALYZE");
      } catch (Exception e) {
        System.out.println("ANALYZE failed: " + e);
      }
      checkpoint(jdbcUrl);
    }

    /**
     * Writes out what a burst of writes (a seeding of 90,000 conversations: several GB of WAL) left
     * dirty, so that the next run does not pay for it: in one run the 100,000 growth run and the
     * floor after it ran during the seeding's checkpoints (44 requested by WAL volume), with first
     * response p99 at 503 ms and a floor half as fast as before. In production the checkpoints
     * follow the message rate, not a seeding.
     */
    static void checkpoint(String jdbcUrl) {
      try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresTestDatabase.USER, "")) {
        c.createStatement().execute("CHECKPOINT");
      } catch (Exception e) {
        System.out.println("CHECKPOINT failed: " + e);
      }
    }

    long count(String sql) {
      if (pgDatabase == null) {
        return -1;
      }
      try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresTestDatabase.USER, "");
          ResultSet rs = c.createStatement().executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      } catch (Exception e) {
        return -1;
      }
    }

    @Override
    public void close() throws InterruptedException {
      jvm.close();
    }
  }

  private static String h2WriteDelay(Map<String, String> args) {
    // as the product default: each commit written to the file before it returns
    // (docs/reliability.md); 500 was H2's
    String delay = args.getOrDefault("h2WriteDelay", "0");
    return delay.isEmpty() ? "" : ";WRITE_DELAY=" + delay;
  }

  private static String h2Cache(Map<String, String> args) {
    // H2's per-session cache of parsed statements (default 8) is smaller than the engine's working
    // set
    String size = args.getOrDefault("h2QueryCache", "256");
    return size.isEmpty() ? "" : ";QUERY_CACHE_SIZE=" + size;
  }

  private static Map<String, Object> seed(
      Wasla wasla, int target, Map<String, String> args, Path dir) throws Exception {
    List<String> a =
        List.of(
            "url=" + wasla.jdbcUrl,
            "user=" + PostgresTestDatabase.USER,
            "target=" + target,
            "phoneNumberId=" + Webhooks.PHONE_NUMBER_ID,
            "threads=" + args.getOrDefault("seedThreads", "3"),
            "batch=" + args.getOrDefault("seedBatch", "100"));
    try (ChildJvm jvm =
        ChildJvm.start(Seeder.class.getName(), List.of("-Xmx512m"), a, dir.resolve("seeder.log"))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> out = JSON.readValue(jvm.awaitResult(7200), Map.class);
      out.put("loadAverageAfter", Proc.loadAverage());
      return out;
    }
  }

  private static Map<String, Object> floor(
      String db, String history, Map<String, String> args, Path dir) throws Exception {
    List<String> a = new ArrayList<>();
    if (db.equals("pg")) {
      String url =
          PostgresTestDatabase.url(args.getOrDefault("pgPrefix", "wasla_bench_h") + "_floor", true);
      a.addAll(
          List.of(
              "url=" + url,
              "user=" + PostgresTestDatabase.USER,
              "pgDatabase=" + Seeder.dbName(url)));
    } else {
      a.add("url=jdbc:h2:mem:bench-floor;DB_CLOSE_DELAY=-1" + h2Cache(args));
    }
    a.add("history=" + history);
    a.add("instances=" + args.getOrDefault("floorInstances", "1000"));
    // 40,000: with 5,000 the floor's JIT was still compiling (PostgreSQL, history none: 888/s and
    // 1.04 JVM ms each,
    // against 1,286/s and 0.51 ms after 40,000)
    a.add("warmup=" + args.getOrDefault("floorWarmup", "40000"));
    a.add("correlations=" + args.getOrDefault("floorCorrelations", "20000"));
    List<String> jvmOptions = List.of("-Xmx" + args.getOrDefault("waslaXmx", "1g"));
    try (ChildJvm jvm =
        ChildJvm.start(
            EngineFloor.class.getName(),
            jvmOptions,
            a,
            dir.resolve("floor-" + db + "-" + history + ".log"))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> out = JSON.readValue(jvm.awaitResult(3600), Map.class);
      out.put("db", db);
      return out;
    }
  }

  /**
   * The embedded persona's reading of each text: the chat mix's must not be sales intents nor hand
   * off; the sales mix's product questions must be read as product questions (they go to the
   * order-and-pay flow).
   */
  private static List<Map<String, Object>> checkTexts(List<String> texts) {
    EmbeddedPersona persona = EmbeddedPersona.createDefault();
    List<Map<String, Object>> out = new ArrayList<>();
    for (String text : texts) {
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

  /**
   * Closed loop, not measured: the JIT sees every path, and the seeder finds a conversation at
   * rest. At least {@code warmupSeconds}, then on in 15 s steps while Wasla's JIT compiler threads
   * still use more than {@code warmupJitShare} of one core (default 0.1), up to {@code
   * warmupMaxSeconds}: on a slow or busy machine the C2 compiler needs minutes to catch up (seen: a
   * whole core for 3 minutes), and a run measured before that counts the compiling and the slower
   * code in Wasla's CPU per message.
   */
  private void warmUp() throws Exception {
    // two minutes at least: the C2 compiler took about 90 s of this load to settle on a fast
    // machine
    int seconds = intArg(args, "warmupSeconds", 120);
    int max = intArg(args, "warmupMaxSeconds", 600);
    double settled = Double.parseDouble(args.getOrDefault("warmupJitShare", "0.1"));
    int concurrency = Integer.parseInt(args.getOrDefault("warmupConcurrency", "8"));
    Map<String, Object> r = closedLoop(concurrency, seconds, 30);
    System.out.println(
        "WARM-UP "
            + r.get("messagesSent")
            + " messages, "
            + r.get("repliesPerSecond")
            + " replies/s");
    int done = seconds;
    while (done < max) {
      long jit0 = waslaJitCpuNanos();
      long t0 = System.nanoTime();
      closedLoop(concurrency, 15, 30);
      // with several nodes: their JIT threads together, against one core
      double share = (waslaJitCpuNanos() - jit0) / (double) (System.nanoTime() - t0);
      done += 15;
      System.out.println(
          "WARM-UP +15 s: the JIT used " + String.format("%.2f", share) + " of a core");
      if (jit0 < 0 || share <= settled) {
        break;
      }
    }
    System.out.println("WARM-UP done after " + done + " s");
  }

  /**
   * Open loop at a fixed rate for {@code seconds}, customers sending {@code messages} each, round
   * robin: customers = rate × seconds / messages, so one customer's messages are seconds / messages
   * apart. A share of them are seeded customers picked at random among the first {@code seeded}
   * (their live conversation resting at its wait state gets the message), the others are new
   * customers (their first message starts a conversation).
   */
  private Map<String, Object> openLoop(double rate, int seeded, double seededShare)
      throws Exception {
    int seconds = intArg(args, "seconds", 10);
    int messages = intArg(args, "messages", 3);
    int customers = (int) Math.max(1, Math.ceil(rate * seconds / messages));
    int fromSeed = seeded <= 0 ? 0 : (int) Math.min(seeded, Math.round(customers * seededShare));
    List<String> waIds = new ArrayList<>();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    random
        .ints(0, seeded <= 0 ? 1 : seeded)
        .distinct()
        .limit(fromSeed)
        .forEach(n -> waIds.add(Seeder.waId(n)));
    while (waIds.size() < customers) {
      waIds.add(newCustomer());
    }
    // interleave seeded and new customers
    java.util.Collections.shuffle(waIds);
    topUpStock();
    Run run =
        new Run("open " + Stats.round(rate) + "/s" + (burst > 1 ? " burst " + burst : ""), this);
    ExecutorService pool = Executors.newFixedThreadPool(intArg(args, "clients", 16));
    List<Send> schedule = openLoopSchedule(waIds, messages, rate);
    run.begin();
    long t0 = System.nanoTime();
    for (Send next : schedule) {
      long due = t0 + next.dueNanos();
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      pool.submit(
          () -> {
            run.lateness(System.nanoTime() - due);
            send(run, next.waId(), next.seq());
          });
    }
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.MINUTES);
    run.sendingDone();
    run.drain(meta, intArg(args, "drain", 20));
    Map<String, Object> result = run.result(meta);
    result.put("loop", "open");
    result.put("mix", salesMix ? "sales" : "chat");
    result.put("offeredPerSecond", rate);
    result.put("customers", customers);
    result.put("seededCustomers", fromSeed);
    result.put("messagesPerCustomer", messages);
    result.put("burst", burst);
    if (burst > 1) {
      result.put("burstGapMs", burstGapMs);
      result.put("secondsBetweenACustomersBursts", Stats.round(customers / rate));
    } else {
      result.put("secondsBetweenACustomersMessages", Stats.round(customers / rate));
    }
    return result;
  }

  /**
   * One message of the open loop: when (from the start), to whom, which of the customer's messages.
   */
  private record Send(long dueNanos, String waId, int seq) {}

  /**
   * The open loop's sends at {@code rate} in all, customers in turn. Without bursts a customer's
   * messages are a round apart (customers / rate seconds). With {@code burst} B above 1 each
   * customer's turn of the round is B messages {@code burstGapMs} apart, the turns of the customers
   * B / rate seconds apart.
   */
  private List<Send> openLoopSchedule(List<String> waIds, int messages, double rate) {
    long gapNanos = burstGapMs * 1_000_000L;
    long turnNanos = (long) (burst * 1e9 / rate);
    List<Send> schedule = new ArrayList<>();
    int turn = 0;
    for (int first = 0; first < messages; first += burst) {
      for (String waId : waIds) {
        long start = turn++ * turnNanos;
        for (int m = first; m < Math.min(messages, first + burst); m++) {
          schedule.add(new Send(start + (m - first) * (burst > 1 ? gapNanos : 0), waId, m));
        }
      }
    }
    schedule.sort(java.util.Comparator.comparingLong(Send::dueNanos));
    return schedule;
  }

  private Map<String, Object> closedLoop(int concurrency) throws Exception {
    return closedLoop(concurrency, intArg(args, "duration", 20), intArg(args, "drain", 20));
  }

  /**
   * K virtual customers, each sends, waits for its reply, sends the next; M messages, then a new
   * customer. With {@code burst} B above 1 a customer sends B messages {@code burstGapMs} apart (as
   * people type several short messages in a row) and then waits for a reply: with a {@code
   * wasla.mailbox.turn-window} longer than the gap the burst is one turn and one reply. After a
   * reply a customer reads for {@code thinkMs} (default 500 with bursts, else 0) before it types
   * again, and takes the replies that arrive meanwhile: a burst that the load split into two turns
   * gets its second reply before the customer's next burst, which would otherwise join the rest of
   * the first.
   */
  private Map<String, Object> closedLoop(int concurrency, int duration, int drain)
      throws Exception {
    int messages = intArg(args, "messages", 3);
    long thinkMs = intArg(args, "thinkMs", burst > 1 ? 500 : 0);
    topUpStock();
    Run run = new Run("closed K=" + concurrency + (burst > 1 ? " burst " + burst : ""), this);
    AtomicInteger timeouts = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    run.begin();
    long deadline = System.nanoTime() + duration * 1_000_000_000L;
    for (int k = 0; k < concurrency; k++) {
      pool.submit(
          () -> {
            while (System.nanoTime() < deadline) {
              String waId = newCustomer();
              Semaphore replies = new Semaphore(0);
              replySignals.put(waId, replies);
              for (int m = 0; m < messages && System.nanoTime() < deadline; m++) {
                send(run, waId, m);
                boolean burstGoesOn = (m + 1) % burst != 0 && m + 1 < messages;
                try {
                  if (burstGoesOn) {
                    Thread.sleep(burstGapMs);
                    continue;
                  }
                  if (!replies.tryAcquire(10, TimeUnit.SECONDS)) {
                    timeouts.incrementAndGet();
                    break;
                  }
                  // reading the reply before typing again; a burst answered in two turns sends its
                  // second reply meanwhile
                  while (thinkMs > 0 && replies.tryAcquire(thinkMs, TimeUnit.MILLISECONDS)) {
                    // taken: wait on for the next
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
    run.drain(meta, drain);
    Map<String, Object> result = run.result(meta);
    result.put("loop", "closed");
    result.put("mix", salesMix ? "sales" : "chat");
    result.put("concurrency", concurrency);
    result.put("messagesPerCustomer", messages);
    result.put("burst", burst);
    if (burst > 1) {
      result.put("burstGapMs", burstGapMs);
    }
    result.put("thinkMs", thinkMs);
    result.put("replyWaitTimeouts", timeouts.get());
    return result;
  }

  /** Wasla's CPU time so far: every node's. */
  long waslaCpuNanos() {
    return nodes.stream().mapToLong(n -> n.jvm.cpuNanos()).sum();
  }

  /** Wasla's JIT compiler threads' CPU time so far, every node's; -1 when a node cannot tell. */
  long waslaJitCpuNanos() {
    long sum = 0;
    for (Wasla node : nodes) {
      long jit = node.jvm.jitCpuNanos();
      if (jit < 0) {
        return -1;
      }
      sum += jit;
    }
    return sum;
  }

  private Map<String, Object> report(Map<String, Object> result, String db, String kind) {
    result.put("db", db);
    result.put("nodes", nodes.size());
    if (kind != null) {
      result.put("kind", kind);
    }
    System.out.println("RESULT " + result);
    return result;
  }

  private void send(Run run, String waId, int seq) {
    // unique per send: a seeded customer may be picked again by a later growth run, and a reused
    // wamid
    // would be deduplicated by Wasla (no reply) instead of answered
    String wamid = "wamid.bench." + waId + "." + seq + "." + SEND_SEQ.incrementAndGet();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    byte[] body;
    if (!salesMix && burst > 1) {
      body =
          Webhooks.text(
              waId, wamid, burstText(waId, seq, burst, intArg(args, "messages", 3)), Instant.now());
    } else if (!salesMix) {
      body = Webhooks.text(waId, wamid, TEXTS.get(random.nextInt(TEXTS.size())), Instant.now());
    } else if (seq % 3 == 0) {
      body =
          Webhooks.text(
              waId, wamid, GREETINGS.get(random.nextInt(GREETINGS.size())), Instant.now());
    } else if (seq % 3 == 1) {
      body =
          Webhooks.text(
              waId,
              wamid,
              PRODUCT_QUESTIONS.get(random.nextInt(PRODUCT_QUESTIONS.size())),
              Instant.now());
    } else {
      body = Webhooks.buttonReply(waId, wamid, "sales_order", "Order now", Instant.now());
    }
    String url = urls.get(Math.floorMod(nextNode.getAndIncrement(), urls.size()));
    Request request =
        new Request.Builder()
            .url(url)
            .post(RequestBody.create(body, JSON_TYPE))
            .header("X-Hub-Signature-256", WebhookSignature.sign(body, Webhooks.APP_SECRET))
            .build();
    long sent = System.nanoTime();
    run.sent(waId, sent);
    try (Response response = http.newCall(request).execute()) {
      long acked = System.nanoTime();
      run.acked(acked - sent, response.code() == 200);
    } catch (Exception e) {
      run.acked(System.nanoTime() - sent, false);
    }
  }

  /**
   * The {@code seq}-th message of this customer in bursts: the same burst for all of its messages.
   */
  private static String burstText(String waId, int seq, int burst, int messages) {
    int b = seq / burst;
    boolean last = b > 0 && (b + 1) * burst >= messages;
    List<List<String>> bursts = last ? THANKS_BURSTS : QUESTION_BURSTS;
    List<String> texts = bursts.get(Math.floorMod(java.util.Objects.hash(waId, b), bursts.size()));
    return texts.get(seq % burst % texts.size());
  }

  /**
   * mix=sales on PostgreSQL: plenty of stock again before each run, so that every order reaches its
   * payment link. On H2 the database lives inside Wasla's JVM: orders run the demo stock down and
   * later ones are answered "sold out" (still one reply, through the same jobs but the last).
   */
  private void topUpStock() throws Exception {
    if (!salesMix || wasla.pgDatabase == null) {
      return;
    }
    try (Connection c = DriverManager.getConnection(wasla.jdbcUrl, PostgresTestDatabase.USER, "");
        java.sql.Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE commerce_stock SET on_hand = 1000000, reserved = 0");
    }
  }

  private static int burst(Map<String, String> args) {
    return Math.max(1, intArg(args, "burst", 1));
  }

  private static boolean isSalesMix(Map<String, String> args) {
    return "sales".equals(args.getOrDefault("mix", "chat"));
  }

  private static String newCustomer() {
    return "2011" + String.format("%08d", CUSTOMER_SEQ.incrementAndGet() % 100_000_000L);
  }

  static int intArg(Map<String, String> args, String key, int fallback) {
    return Integer.parseInt(args.getOrDefault(key, String.valueOf(fallback)));
  }

  static Map<String, String> parseArgs(String[] argv) {
    Map<String, String> args = new LinkedHashMap<>();
    for (String a : argv) {
      String[] kv = a.split("=", 2);
      args.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    return args;
  }

  /** A comma-separated argument as a list (empty for ""). */
  static List<String> list(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  // ---------------------------------------------------------------- one run's measurements

  /** What one run sent and when; matched against the mock's replies at the end. */
  static final class Run {
    final String name;
    final LoadBenchmark bench;
    final Map<String, List<Long>> sends = new ConcurrentHashMap<>();
    final Stats ack = new Stats();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicLong maxLateness = new AtomicLong();
    final AtomicLong peakHeap = new AtomicLong(-1);
    long beginNanos;
    long cpuAtBegin;
    long jitAtBegin;
    long jitAtDrained;
    Map<Long, long[]> pgAtBegin;
    double loadAtBegin;
    long sendingDoneNanos;
    long drainedNanos;
    long cpuAtDrained;
    Map<Long, long[]> pgAtDrained;
    long heapAfter;
    double idleUtilisation = Double.NaN;
    private volatile boolean sampling;

    Run(String name, LoadBenchmark bench) {
      this.name = name;
      this.bench = bench;
    }

    private long[] dbAtBegin;
    private long[] dbAtDrained;

    void begin() throws InterruptedException {
      // Wasla's CPU while nothing is sent (sweeps, timers, JIT finishing the last run): reported,
      // so that a
      // short run's CPU per message can be read net of it
      int idleSeconds = intArg(bench.args, "idle", 3);
      if (idleSeconds > 0) {
        long c0 = bench.waslaCpuNanos();
        long t0 = System.nanoTime();
        Thread.sleep(idleSeconds * 1000L);
        idleUtilisation = (bench.waslaCpuNanos() - c0) / (double) (System.nanoTime() - t0);
      }
      loadAtBegin = Proc.loadAverage();
      beginNanos = System.nanoTime();
      cpuAtBegin = bench.waslaCpuNanos();
      jitAtBegin = bench.waslaJitCpuNanos();
      pgAtBegin =
          bench.wasla.pgDatabase == null ? null : Proc.postgresSnapshot(bench.wasla.pgDatabase);
      dbAtBegin =
          bench.wasla.pgDatabase == null
              ? null
              : Proc.databaseCounters(bench.wasla.jdbcUrl, PostgresTestDatabase.USER);
      sampling = true;
      OkHttpClient probe = bench.http.newBuilder().readTimeout(2, TimeUnit.SECONDS).build();
      Thread sampler =
          new Thread(
              () -> {
                // the actuator is cheap next to a message, and 2 calls a second are noise in the
                // CPU figure
                while (sampling) {
                  peakHeap.accumulateAndGet(bench.wasla.heapUsed(probe), Math::max);
                  LockSupport.parkNanos(500_000_000L);
                }
              },
              "bench-heap-sampler");
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

    /**
     * Waits until every customer's last message has a reply after it, or the timeout; then 1.5 s
     * for stragglers.
     */
    void drain(MetaMock meta, int seconds) throws InterruptedException {
      long until = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < until && !allAnswered(meta)) {
        Thread.sleep(50);
      }
      drainedNanos = System.nanoTime();
      cpuAtDrained = bench.waslaCpuNanos();
      jitAtDrained = bench.waslaJitCpuNanos();
      pgAtDrained =
          bench.wasla.pgDatabase == null ? null : Proc.postgresSnapshot(bench.wasla.pgDatabase);
      sampling = false;
      if (dbAtBegin != null) {
        Thread.sleep(1200); // the statistics collector's flush
        dbAtDrained = Proc.databaseCounters(bench.wasla.jdbcUrl, PostgresTestDatabase.USER);
      }
      heapAfter = bench.wasla.heapUsed(bench.http);
      Thread.sleep(1500);
    }

    /**
     * This run's replies to the customer: a seeded customer may have had replies in an earlier
     * growth run.
     */
    private List<Long> replies(MetaMock meta, String waId) {
      return meta.replies(waId).stream().filter(at -> at >= beginNanos).toList();
    }

    private boolean allAnswered(MetaMock meta) {
      for (Map.Entry<String, List<Long>> e : sends.entrySet()) {
        List<Long> replies = replies(meta, e.getKey());
        long lastSent = e.getValue().stream().mapToLong(Long::longValue).max().orElse(0);
        if (replies.isEmpty() || replies.get(replies.size() - 1) < lastSent) {
          return false;
        }
      }
      return true;
    }

    /**
     * Matches replies to messages per customer. With as many replies as messages, in order, one to
     * one. Otherwise each reply answers every not yet answered message of that customer sent before
     * it arrived (several quick messages may be answered as one turn: "merged"). A message no reply
     * answers is "no reply". Duplicates: more replies than messages for a customer. A reply that
     * arrives before the message it answers was counted as sent (the reply to the previous message
     * came late) answers nothing in this walk; it is counted apart, and the walk then understates
     * that message's first-response time: the open loop's figure is exact only while first-response
     * time stays below the spacing of one customer's messages (customers / rate).
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
        List<Long> replies = replies(meta, e.getKey());
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
      double windowSeconds = (drainedNanos - beginNanos) / 1e9;
      double cpuMs = (cpuAtDrained - cpuAtBegin) / 1e6;
      int acceptedCount = Math.max(1, accepted.get());
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("run", name);
      out.put("messagesSent", messages);
      out.put("accepted", accepted.get());
      out.put("refusedOrFailed", refused.get());
      out.put("sendingSeconds", Stats.round(sendingSeconds));
      out.put("acceptedPerSecond", Stats.round(accepted.get() / sendingSeconds));
      out.put("repliesPerSecond", Stats.round(repliesTotal / windowSeconds));
      out.put("ackLatency", ack.summary());
      out.put("firstResponse", firstResponse.summary());
      out.put("replies", repliesTotal);
      out.put("turnsMerged", merged);
      out.put("noReplyAfterDrain", noReply);
      out.put("duplicateReplies", duplicates);
      out.put("repliesArrivedBeforeTheirMessage", ambiguous);
      out.put("maxSendLatenessMs", Stats.round(maxLateness.get() / 1e6));
      out.put("windowSeconds", Stats.round(windowSeconds));
      out.put("waslaCpuSeconds", Stats.round(cpuMs / 1000));
      out.put("waslaCpuMsPerMessage", EngineFloor.ms3(cpuMs / acceptedCount));
      out.put("waslaCpuUtilisation", Stats.round(cpuMs / 1e3 / windowSeconds));
      out.put("waslaIdleCpuUtilisationBefore", EngineFloor.ms3(idleUtilisation));
      // the JIT still compiling is part of the process's CPU: reported apart, so that a run whose
      // JVM was not warm
      // yet shows it (a compiler thread that HotSpot stopped inside the window undercounts this a
      // little)
      if (jitAtBegin >= 0 && jitAtDrained >= 0) {
        out.put(
            "waslaJitCpuMsPerMessage",
            EngineFloor.ms3(Math.max(0, jitAtDrained - jitAtBegin) / 1e6 / acceptedCount));
      }
      if (!Double.isNaN(idleUtilisation)) {
        out.put(
            "waslaCpuMsPerMessageNetOfIdle",
            EngineFloor.ms3((cpuMs - idleUtilisation * windowSeconds * 1e3) / acceptedCount));
      }
      if (pgAtBegin != null) {
        long[] pg = Proc.postgresCpuNanos(pgAtBegin, pgAtDrained);
        double ours = pg[1] / 1e6;
        double all = pg[0] / 1e6;
        out.put("pgCpuMsPerMessageOurDb", EngineFloor.ms3(ours / acceptedCount));
        out.put("pgCpuMsPerMessageAll", EngineFloor.ms3(all / acceptedCount));
        out.put("pgCpuUtilisationAll", Stats.round(all / 1e3 / windowSeconds));
      }
      if (dbAtBegin != null && dbAtDrained != null) {
        // the database's work per accepted message: load-independent, unlike the CPU and latency
        // figures
        Map<String, Object> db = new LinkedHashMap<>();
        String[] names = {
          "commits",
          "rowsInserted",
          "rowsUpdated",
          "rowsDeleted",
          "rowsReadByIndex",
          "rowsReadBySeqScan"
        };
        for (int i = 0; i < names.length; i++) {
          db.put(names[i], Stats.round((dbAtDrained[i] - dbAtBegin[i]) / (double) acceptedCount));
        }
        out.put("dbWorkPerMessage", db);
      }
      out.put("waslaPeakHeapMb", peakHeap.get() < 0 ? -1 : peakHeap.get() / (1024 * 1024));
      out.put("waslaHeapAfterMb", heapAfter < 0 ? -1 : heapAfter / (1024 * 1024));
      out.put("loadAverageAtStart", loadAtBegin);
      return out;
    }
  }

  // ---------------------------------------------------------------- report

  private static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("loadAverageAtStart", Proc.loadAverage());
    try {
      Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .findFirst()
          .ifPresent(l -> m.put("cpu", l.substring(l.indexOf(':') + 1).trim()));
    } catch (Exception ignored) {
      // not Linux
    }
    return m;
  }
}
