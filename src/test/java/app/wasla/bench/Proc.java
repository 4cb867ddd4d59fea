package app.wasla.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of other processes, read from /proc (Linux only): a child JVM's utime+stime, and PostgreSQL's
 * (every postgres process, and only the backends of one database).
 */
final class Proc {

  private static final long NANOS_PER_TICK = 1_000_000_000L / clockTicks();

  private Proc() {
  }

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
   * CPU of PostgreSQL's processes now: [0] all postgres processes on the host (also other users' sessions),
   * [1] only the backends connected to {@code database} (their command line names it). A backend that
   * exits during a window takes its CPU with it, so compare windows in which the pools stay open.
   */
  static long[] postgresCpuNanos(String database) {
    long all = 0;
    long ours = 0;
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> isPid(p.getFileName().toString()))) {
      for (Path p : procs) {
        try {
          if (!Files.readString(p.resolve("comm")).trim().equals("postgres")) {
            continue;
          }
          long cpu = cpuNanos(Long.parseLong(p.getFileName().toString()));
          if (cpu < 0) {
            continue;
          }
          all += cpu;
          // a backend's title: "postgres: 15/main: <user> <database> 127.0.0.1(port) idle"
          String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
          if (database != null && cmd.contains(" " + database + " ")) {
            ours += cpu;
          }
        } catch (IOException | RuntimeException gone) {
          // the process ended while we looked
        }
      }
    } catch (IOException e) {
      return new long[] {-1, -1};
    }
    return new long[] {all, ours};
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
}
