package app.wasla.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The floor: the bare Camunda engine, no Wasla, correlating messages by business key to a minimal
 * process whose only wait state is one message catch event in a loop. No job executor, 4 threads,
 * each owning its own business keys (no optimistic-locking conflicts). Runs in its own JVM ({@link
 * #main}), launched by {@link LoadBenchmark}, so that its CPU is the engine's alone; prints one
 * {@link ChildJvm#RESULT} line.
 */
final class EngineFloor {

  private static final int THREADS = 4;

  private EngineFloor() {}

  /**
   * Arguments as key=value: url, user, password, history (none|full|...), instances, warmup,
   * correlations, pgDatabase (PostgreSQL database whose backends' CPU is counted; absent for H2).
   */
  public static void main(String[] argv) throws Exception {
    Map<String, String> a = LoadBenchmark.parseArgs(argv);
    Map<String, Object> out =
        run(
            a.get("url"),
            a.getOrDefault("user", "sa"),
            a.getOrDefault("password", ""),
            a.getOrDefault("history", "none"),
            Integer.parseInt(a.getOrDefault("instances", "1000")),
            Integer.parseInt(a.getOrDefault("warmup", "5000")),
            Integer.parseInt(a.getOrDefault("correlations", "20000")),
            a.get("pgDatabase"));
    System.out.println(ChildJvm.RESULT + new ObjectMapper().writeValueAsString(out));
    System.out.flush();
    System.exit(0);
  }

  static Map<String, Object> run(
      String jdbcUrl,
      String user,
      String password,
      String history,
      int instances,
      int warmup,
      int correlations,
      String pgDatabase)
      throws Exception {
    StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
    config.setProcessEngineName("bench-floor");
    config.setJdbcUrl(jdbcUrl);
    config.setJdbcUsername(user);
    config.setJdbcPassword(password);
    config.setJdbcMaxActiveConnections(THREADS + 2);
    config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    config.setHistory(history);
    // the same id generator as Wasla's (the Spring Boot starter's default), so PostgreSQL's indexes
    // look alike
    config.setIdGenerator(new StrongUuidGenerator());
    config.setJobExecutorActivate(false);
    config.setMetricsEnabled(false);
    // each thread owns the keys congruent to it modulo THREADS, so the count must be a multiple of
    // it
    int instanceCount = (instances + THREADS - 1) / THREADS * THREADS;
    ProcessEngine engine = config.buildProcessEngine();
    try {
      BpmnModelInstance model =
          Bpmn.createExecutableProcess("floor")
              .camundaHistoryTimeToLive(1)
              .startEvent()
              .exclusiveGateway("join")
              .intermediateCatchEvent("wait")
              .message("BenchMessage")
              .connectTo("join")
              .done();
      engine
          .getRepositoryService()
          .createDeployment()
          .addModelInstance("floor.bpmn", model)
          .deploy();
      RuntimeService runtime = engine.getRuntimeService();
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < instanceCount; i++) {
        String key = "floor-" + i;
        runtime.startProcessInstanceByKey("floor", key);
        keys.add(key);
      }
      // warm-up on the same instances and threads: the JIT and the database caches see the path
      // first
      correlate(runtime, keys, warmup);
      System.gc();

      Map<Long, long[]> pg0 = pgDatabase == null ? null : Proc.postgresSnapshot(pgDatabase);
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      correlate(runtime, keys, correlations);
      long wall = System.nanoTime() - t0;
      long cpu = processCpuNanos() - cpu0;
      long[] pg =
          pgDatabase == null ? null : Proc.postgresCpuNanos(pg0, Proc.postgresSnapshot(pgDatabase));

      Map<String, Object> out = new LinkedHashMap<>();
      out.put("database", jdbcUrl);
      out.put("threads", THREADS);
      out.put("history", history);
      out.put("instances", instanceCount);
      out.put("warmup", warmup);
      out.put("correlations", correlations);
      out.put("seconds", Stats.round(wall / 1e9));
      out.put("msgsPerSecond", Stats.round(correlations / (wall / 1e9)));
      out.put("jvmCpuMsPerMessage", ms3(cpu / 1e6 / correlations));
      if (pg != null) {
        out.put("pgCpuMsPerMessageOurDb", ms3(pg[1] / 1e6 / correlations));
        out.put("pgCpuMsPerMessageAll", ms3(pg[0] / 1e6 / correlations));
      }
      out.put("loadAverageAfter", Proc.loadAverage());
      return out;
    } finally {
      engine.close();
    }
  }

  /**
   * {@code total} correlations from {@link #THREADS} threads, thread t taking keys t, t+THREADS,
   * ... in turn.
   */
  private static void correlate(RuntimeService runtime, List<String> keys, int total)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        work.add(
            pool.submit(
                () -> {
                  for (int n = thread; n < total; n += THREADS) {
                    runtime
                        .createMessageCorrelation("BenchMessage")
                        .processInstanceBusinessKey(keys.get(n % keys.size()))
                        .correlate();
                  }
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  static double ms3(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  /** Process CPU time of this JVM (all threads, JIT and GC included). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
