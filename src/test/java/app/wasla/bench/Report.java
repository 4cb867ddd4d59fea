package app.wasla.bench;

import java.util.List;
import java.util.Map;

/** report.md: the runs, the seeding, the engine floor and the text check, from the report's map. */
final class Report {

  private Report() {}

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> report) {
    StringBuilder md =
        new StringBuilder("# Wasla load benchmark, ")
            .append(report.get("startedAt"))
            .append("\n\n");
    md.append("Machine: ")
        .append(report.get("machine"))
        .append("  \nArguments: ")
        .append(report.get("args"))
        .append("  \nLoad average at the end: ")
        .append(report.get("loadAverageAtEnd"))
        .append("\n\n");
    md.append(
        "| run | db | live convs | sent | accepted/s | replies/s | ack p50/p95/p99 ms "
            + "| first response p50/p95/p99 ms | merged | no reply | dup | Wasla CPU ms/msg (net of idle; of it the JIT) | PG CPU ms/msg (db / all) "
            + "| × floor none (JVM / PG) | × floor full (JVM / PG) | Wasla heap peak MB | load avg |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> r : (List<Map<String, Object>>) report.get("runs")) {
      Map<String, Object> ack = (Map<String, Object>) r.get("ackLatency");
      Map<String, Object> frt = (Map<String, Object>) r.get("firstResponse");
      Map<String, Object> ratios = (Map<String, Object>) r.getOrDefault("ratioToFloor", Map.of());
      md.append("| ")
          .append(r.get("run"))
          .append(" | ")
          .append(r.get("db"))
          .append(" | ")
          .append(r.getOrDefault("conversationsInDb", ""))
          .append(" | ")
          .append(r.get("messagesSent"))
          .append(" | ")
          .append(r.get("acceptedPerSecond"))
          .append(" | ")
          .append(r.get("repliesPerSecond"))
          .append(" | ")
          .append(triple(ack))
          .append(" | ")
          .append(triple(frt))
          .append(" | ")
          .append(r.get("turnsMerged"))
          .append(" | ")
          .append(r.get("noReplyAfterDrain"))
          .append(" | ")
          .append(r.get("duplicateReplies"))
          .append(" | ")
          .append(r.get("waslaCpuMsPerMessage"))
          .append(" (")
          .append(r.getOrDefault("waslaCpuMsPerMessageNetOfIdle", "–"))
          .append("; ")
          .append(r.getOrDefault("waslaJitCpuMsPerMessage", "–"))
          .append(")")
          .append(" | ")
          .append(
              r.containsKey("pgCpuMsPerMessageOurDb")
                  ? r.get("pgCpuMsPerMessageOurDb") + " / " + r.get("pgCpuMsPerMessageAll")
                  : "–")
          .append(" | ")
          .append(ratio(ratios.get("none")))
          .append(" | ")
          .append(ratio(ratios.get("full")))
          .append(" | ")
          .append(r.get("waslaPeakHeapMb"))
          .append(" | ")
          .append(r.get("loadAverageAtStart"))
          .append(" |\n");
    }
    List<Map<String, Object>> withDbWork =
        ((List<Map<String, Object>>) report.get("runs"))
            .stream().filter(r -> r.containsKey("dbWorkPerMessage")).toList();
    if (!withDbWork.isEmpty()) {
      md.append(
          "\nPostgreSQL's work per accepted message (pg_stat_database over the run; independent of the machine's load):\n\n");
      md.append(
          "| run | commits | rows inserted | rows updated | rows deleted | rows read by index | rows read by seq scan |\n");
      md.append("|---|---|---|---|---|---|---|\n");
      for (Map<String, Object> r : withDbWork) {
        Map<String, Object> w = (Map<String, Object>) r.get("dbWorkPerMessage");
        md.append("| ")
            .append(r.get("run"))
            .append(" | ")
            .append(w.get("commits"))
            .append(" | ")
            .append(w.get("rowsInserted"))
            .append(" | ")
            .append(w.get("rowsUpdated"))
            .append(" | ")
            .append(w.get("rowsDeleted"))
            .append(" | ")
            .append(w.get("rowsReadByIndex"))
            .append(" | ")
            .append(w.get("rowsReadBySeqScan"))
            .append(" |\n");
      }
    }
    // the closed loop's best is the maximum this node sustained with every message answered in turn
    Map<String, Map<String, Object>> best = new java.util.LinkedHashMap<>();
    for (Map<String, Object> r : (List<Map<String, Object>>) report.get("runs")) {
      if ("closed".equals(r.get("loop"))) {
        best.merge(
            String.valueOf(r.get("db")),
            r,
            (a, b) ->
                LoadBenchmark.num(b.get("acceptedPerSecond"))
                        > LoadBenchmark.num(a.get("acceptedPerSecond"))
                    ? b
                    : a);
      }
    }
    // with bursts (several messages a turn) messages and replies per second differ: both are given
    best.forEach(
        (db, r) ->
            md.append("\nMaximum (closed loop), ")
                .append(db)
                .append(": ")
                .append(r.get("acceptedPerSecond"))
                .append(" msgs/s (")
                .append(r.get("repliesPerSecond"))
                .append(" replies/s) at K=")
                .append(r.get("concurrency"))
                .append(", first response p99 ")
                .append(((Map<String, Object>) r.get("firstResponse")).get("p99Ms"))
                .append(" ms.\n"));
    List<Map<String, Object>> seeding = (List<Map<String, Object>>) report.get("seeding");
    if (seeding != null && !seeding.isEmpty()) {
      md.append(
          "\nSeeding (live `sales-conversation` instances at their wait state, with their mailbox and CRM rows):\n\n");
      md.append(
          "| target | seeded now | seconds | per second | seeder JVM CPU s | PG CPU s (db) |\n|---|---|---|---|---|---|\n");
      for (Map<String, Object> s : seeding) {
        md.append("| ")
            .append(s.get("target"))
            .append(" | ")
            .append(s.get("seeded"))
            .append(" | ")
            .append(s.get("seconds"))
            .append(" | ")
            .append(s.get("perSecond"))
            .append(" | ")
            .append(s.get("jvmCpuSeconds"))
            .append(" | ")
            .append(s.get("pgCpuSecondsOurDb"))
            .append(" |\n");
      }
    }
    Map<String, Map<String, Object>> floors =
        (Map<String, Map<String, Object>>) report.get("engineFloor");
    if (floors != null && !floors.isEmpty()) {
      md.append(
          "\nEngine floor (bare Camunda in its own JVM, one catch event in a loop, 4 threads, correlation by "
              + "business key, no job executor):\n\n");
      md.append(
          "| db / history | instances | warm-up | correlations | msgs/s | JVM CPU ms/msg | PG CPU ms/msg (db / all) | load avg after |\n");
      md.append("|---|---|---|---|---|---|---|---|\n");
      floors.forEach(
          (k, f) ->
              md.append("| ")
                  .append(k)
                  .append(" | ")
                  .append(f.get("instances"))
                  .append(" | ")
                  .append(f.get("warmup"))
                  .append(" | ")
                  .append(f.get("correlations"))
                  .append(" | ")
                  .append(f.get("msgsPerSecond"))
                  .append(" | ")
                  .append(f.get("jvmCpuMsPerMessage"))
                  .append(" | ")
                  .append(
                      f.containsKey("pgCpuMsPerMessageOurDb")
                          ? f.get("pgCpuMsPerMessageOurDb") + " / " + f.get("pgCpuMsPerMessageAll")
                          : "–")
                  .append(" | ")
                  .append(f.get("loadAverageAfter"))
                  .append(" |\n"));
    }
    md.append(
        "\nCPU: Wasla's is its child JVM's utime+stime (/proc) over the run's window (first send to the "
            + "last reply); PostgreSQL's is the sum of the per-process deltas over the postgres processes, \"db\" only the "
            + "backends of the run's database, \"all\" every postgres process on the host (also other users'; a "
            + "process that ended inside the window is not counted). The load generator and the "
            + "mock are in another JVM and not counted. Plot: latency-vs-throughput.png.\n\n");
    md.append("Text check (the embedded persona's reading of the texts sent):\n\n");
    for (Map<String, Object> t : (List<Map<String, Object>>) report.get("textCheck")) {
      md.append("- ")
          .append(String.valueOf(t.get("text")).replace("\n", " / "))
          .append(": ")
          .append(t.get("intent"))
          .append(" ")
          .append(t.get("confidence"))
          .append(Boolean.TRUE.equals(t.get("handoff")) ? " HANDOFF" : "")
          .append("\n");
    }
    return md.toString();
  }

  private static String triple(Map<String, Object> s) {
    return s.get("p50Ms") + " / " + s.get("p95Ms") + " / " + s.get("p99Ms");
  }

  @SuppressWarnings("unchecked")
  private static String ratio(Object o) {
    if (!(o instanceof Map)) {
      return "–";
    }
    Map<String, Object> r = (Map<String, Object>) o;
    return r.get("jvmCpu") + (r.containsKey("pgCpu") ? " / " + r.get("pgCpu") : "");
  }
}
