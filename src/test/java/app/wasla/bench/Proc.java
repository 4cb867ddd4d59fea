package app.wasla.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of other processes, read from /proc (Linux only): a child JVM's utime+stime, and
 * PostgreSQL's (every postgres process, and only the backends of one database).
 */
final class Proc {

  private static final long NANOS_PER_TICK = 1_000_000_000L / clockTicks();

  private Proc() {}

  /** utime+stime of one process in nanoseconds; -1 when it is gone. */
  static long cpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // the command name (field 2) may hold spaces; the fields after its closing parenthesis do not
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after the name: state(3) ... utime(14) stime(15), i.e. index 11 and 12 here
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * CPU of every postgres process now, by pid: {cpu nanos, 1 when it is a backend of {@code
   * database}} (its title names the database: "postgres: 15/main: user database 127.0.0.1(port)
   * idle").
   */
  static Map<Long, long[]> postgresSnapshot(String database) {
    Map<Long, long[]> out = new HashMap<>();
    try (DirectoryStream<Path> procs =
        Files.newDirectoryStream(Path.of("/proc"), p -> isPid(p.getFileName().toString()))) {
      for (Path p : procs) {
        try {
          if (!Files.readString(p.resolve("comm")).trim().equals("postgres")) {
            continue;
          }
          long pid = Long.parseLong(p.getFileName().toString());
          long cpu = cpuNanos(pid);
          if (cpu < 0) {
            continue;
          }
          String cmd =
              new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                  .replace('\0', ' ');
          out.put(
              pid,
              new long[] {cpu, database != null && cmd.contains(" " + database + " ") ? 1 : 0});
        } catch (IOException | RuntimeException gone) {
          // the process ended while we looked
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return out;
  }

  /**
   * PostgreSQL CPU between two snapshots: [0] all postgres processes (also other people's
   * sessions), [1] the backends of the database. Per pid, so that a process that ends inside the
   * window does not subtract its whole life from the sum; its CPU since the first snapshot is lost
   * (undercount), and a process started inside the window counts in full.
   */
  static long[] postgresCpuNanos(Map<Long, long[]> before, Map<Long, long[]> after) {
    long all = 0;
    long ours = 0;
    for (Map.Entry<Long, long[]> e : after.entrySet()) {
      long[] b = before.get(e.getKey());
      long delta = e.getValue()[0] - (b == null ? 0 : b[0]);
      all += delta;
      if (e.getValue()[1] == 1) {
        ours += delta;
      }
    }
    return new long[] {all, ours};
  }

  /**
   * utime+stime of a JVM's JIT compiler threads (HotSpot names them "C1 CompilerThre…" and "C2
   * CompilerThre…") in nanoseconds: CPU the process spends compiling, not running the code; -1 when
   * the process is gone.
   */
  static long jitCpuNanos(long pid) {
    long sum = 0;
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
      for (Path task : tasks) {
        try {
          if (!Files.readString(task.resolve("comm")).startsWith("C")
              || !Files.readString(task.resolve("comm")).contains("CompilerThre")) {
            continue;
          }
          String stat = Files.readString(task.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          sum += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException gone) {
          // a compiler thread that ended while we looked (HotSpot stops idle ones)
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return sum;
  }

  /** The 1-minute load average. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static boolean isPid(String name) {
    return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      p.waitFor();
      return Long.parseLong(out);
    } catch (Exception e) {
      return 100; // the Linux default
    }
  }

  /**
   * PostgreSQL's own counters for one database (pg_stat_database): [commits, rows inserted, rows
   * updated, rows deleted, rows read by index, rows read by sequential scans]. Unlike CPU and
   * latency they do not depend on what else the machine does, so a change's effect on the database
   * work per message shows even on a busy machine. The statistics collector flushes about every 0.5
   * s (PostgreSQL 15: at each transaction end and at least every second), so a window should be
   * several seconds long.
   */
  static long[] databaseCounters(String jdbcUrl, String user) {
    String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl, user, "");
        java.sql.PreparedStatement st =
            c.prepareStatement(
                "SELECT xact_commit, tup_inserted, tup_updated, "
                    + "tup_deleted, tup_fetched, tup_returned FROM pg_stat_database WHERE datname = ?")) {
      st.setString(1, database);
      try (java.sql.ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        long[] out = new long[6];
        for (int i = 0; i < out.length; i++) {
          out[i] = rs.getLong(i + 1);
        }
        return out;
      }
    } catch (java.sql.SQLException e) {
      return null;
    }
  }
}
