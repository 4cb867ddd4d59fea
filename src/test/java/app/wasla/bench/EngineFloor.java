package app.wasla.bench;

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
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The floor: the bare Camunda engine, no Wasla, correlating messages by business key to a minimal process
 * whose only wait state is one message catch event in a loop. History none, no job executor, 4 threads,
 * each thread owning its own business keys (no optimistic-locking conflicts).
 */
final class EngineFloor {

  private static final int THREADS = 4;

  private EngineFloor() {
  }

  static Map<String, Object> run(String jdbcUrl, String user, String password, int instances, int messagesEach)
      throws Exception {
    StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
    config.setProcessEngineName("bench-floor");
    config.setJdbcUrl(jdbcUrl);
    config.setJdbcUsername(user);
    config.setJdbcPassword(password);
    config.setJdbcMaxActiveConnections(THREADS + 2);
    config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    config.setHistory(ProcessEngineConfiguration.HISTORY_NONE);
    config.setJobExecutorActivate(false);
    config.setMetricsEnabled(false);
    ProcessEngine engine = config.buildProcessEngine();
    try {
      BpmnModelInstance model = Bpmn.createExecutableProcess("floor")
          .camundaHistoryTimeToLive(1)
          .startEvent()
          .exclusiveGateway("join")
          .intermediateCatchEvent("wait").message("BenchMessage")
          .connectTo("join")
          .done();
      engine.getRepositoryService().createDeployment().addModelInstance("floor.bpmn", model).deploy();
      RuntimeService runtime = engine.getRuntimeService();
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        String key = "floor-" + i;
        runtime.startProcessInstanceByKey("floor", key);
        keys.add(key);
      }
      // a short warm-up on separate instances, so the JIT sees the path before the clock starts
      for (int i = 0; i < 200; i++) {
        runtime.startProcessInstanceByKey("floor", "warm-" + i);
        runtime.createMessageCorrelation("BenchMessage").processInstanceBusinessKey("warm-" + i).correlate();
      }

      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      long cpu0 = Cpu.processNanos();
      long t0 = System.nanoTime();
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        work.add(pool.submit(() -> {
          for (int m = 0; m < messagesEach; m++) {
            for (int i = thread; i < keys.size(); i += THREADS) {
              runtime.createMessageCorrelation("BenchMessage").processInstanceBusinessKey(keys.get(i)).correlate();
            }
          }
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
      long wall = System.nanoTime() - t0;
      long cpu = Cpu.processNanos() - cpu0;
      pool.shutdown();
      int total = instances * messagesEach;
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("database", jdbcUrl.replaceAll(";.*", ""));
      out.put("threads", THREADS);
      out.put("history", "none");
      out.put("correlations", total);
      out.put("seconds", Stats.round(wall / 1e9));
      out.put("msgsPerSecond", Stats.round(total / (wall / 1e9)));
      out.put("cpuMsPerMessage", Math.round(cpu / 1e6 / total * 1000.0) / 1000.0);
      return out;
    } finally {
      engine.close();
    }
  }

  /** Process CPU time of this JVM (all threads). */
  static final class Cpu {
    private Cpu() {
    }

    static long processNanos() {
      return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }
  }
}
