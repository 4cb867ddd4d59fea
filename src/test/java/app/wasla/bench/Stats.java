package app.wasla.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A bag of latencies in nanoseconds; percentiles by the nearest-rank method, reported in
 * milliseconds.
 */
final class Stats {

  private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

  void add(long latencyNanos) {
    nanos.add(latencyNanos);
  }

  int count() {
    return nanos.size();
  }

  /** The p-th percentile (0 < p <= 100) in milliseconds, NaN when empty. */
  double percentileMs(double p) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    return percentileMs(sorted, p);
  }

  static double percentileMs(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  /** count, p50, p95, p99 and max, for the report. */
  Map<String, Object> summary() {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("count", sorted.length);
    out.put("p50Ms", round(percentileMs(sorted, 50)));
    out.put("p95Ms", round(percentileMs(sorted, 95)));
    out.put("p99Ms", round(percentileMs(sorted, 99)));
    out.put("maxMs", round(sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6));
    return out;
  }

  static double round(double v) {
    return Double.isNaN(v) ? v : Math.round(v * 10.0) / 10.0;
  }
}
