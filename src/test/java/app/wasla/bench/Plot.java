package app.wasla.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * latency-vs-throughput.png with Java2D only: first-response p50 and p99 and webhook-ack p99 (ms,
 * log scale) against achieved replies/s. Open-loop sweep points are joined per db and metric (solid
 * H2, dashed PostgreSQL); closed-loop points are hollow squares; growth runs are left out (other x
 * meaning).
 */
final class Plot {

  private static final int W = 1000;
  private static final int H = 640;
  private static final int L = 80;
  private static final int R = 230;
  private static final int T = 50;
  private static final int B = 60;
  private static final String[][] METRICS = {
    {"firstResponse", "p50Ms", "first response p50"},
    {"firstResponse", "p99Ms", "first response p99"},
    {"ackLatency", "p99Ms", "webhook ack p99"}
  };
  // solid H2, dashed PG; hollow squares with K: closed loop
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)
  };

  private Plot() {}

  @SuppressWarnings("unchecked")
  static void latencyVsThroughput(List<Map<String, Object>> runs, Path png) throws Exception {
    List<Map<String, Object>> points =
        runs.stream().filter(r -> !"growth".equals(r.get("kind"))).toList();
    double maxX = 1;
    double minY = Double.MAX_VALUE;
    double maxY = 1;
    for (Map<String, Object> r : points) {
      maxX = Math.max(maxX, LoadBenchmark.num(r.get("repliesPerSecond")));
      for (String[] m : METRICS) {
        double y = LoadBenchmark.num(((Map<String, Object>) r.get(m[0])).get(m[1]));
        if (y > 0) {
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
    }
    if (minY == Double.MAX_VALUE) {
      minY = 1;
    }
    double x1 = niceCeil(maxX * 1.1);
    double y0 = Math.pow(10, Math.floor(Math.log10(minY)));
    double y1 = Math.pow(10, Math.ceil(Math.log10(maxY * 1.01)));

    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int pw = W - L - R;
    int ph = H - T - B;

    // grid and axes: decades on y, 5 steps on x
    g.setColor(new Color(0xdddddd));
    for (double d = y0; d <= y1 * 1.001; d *= 10) {
      int y = py(d, y0, y1, ph);
      g.drawLine(L, y, L + pw, y);
    }
    for (int i = 0; i <= 5; i++) {
      int x = L + pw * i / 5;
      g.drawLine(x, T, x, T + ph);
    }
    g.setColor(Color.BLACK);
    g.drawRect(L, T, pw, ph);
    for (double d = y0; d <= y1 * 1.001; d *= 10) {
      int y = py(d, y0, y1, ph);
      String label = d >= 1 ? String.format("%,.0f", d) : String.valueOf(d);
      g.drawString(label, L - 8 - g.getFontMetrics().stringWidth(label), y + 4);
    }
    for (int i = 0; i <= 5; i++) {
      String label = String.format("%.1f", x1 * i / 5);
      g.drawString(label, L + pw * i / 5 - g.getFontMetrics().stringWidth(label) / 2, T + ph + 18);
    }
    g.drawString("achieved replies/s", L + pw / 2 - 50, H - 20);
    g.drawString("ms (log)", 10, T - 10);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(
        "Wasla: latency against throughput (open-loop sweep; squares: closed loop)", L, 25);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

    Map<String, List<Map<String, Object>>> byDb = new LinkedHashMap<>();
    for (Map<String, Object> r : points) {
      byDb.computeIfAbsent(String.valueOf(r.get("db")), k -> new ArrayList<>()).add(r);
    }
    int legendY = T + 10;
    for (Map.Entry<String, List<Map<String, Object>>> e : byDb.entrySet()) {
      Stroke stroke =
          e.getKey().equals("pg")
              ? new BasicStroke(
                  2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {8f, 5f}, 0f)
              : new BasicStroke(2f);
      List<Map<String, Object>> open =
          e.getValue().stream()
              .filter(r -> "open".equals(r.get("loop")))
              .sorted(Comparator.comparingDouble(r -> LoadBenchmark.num(r.get("repliesPerSecond"))))
              .toList();
      for (int m = 0; m < METRICS.length; m++) {
        g.setColor(COLORS[m]);
        int px = -1;
        int py = -1;
        for (Map<String, Object> r : open) {
          double yv =
              LoadBenchmark.num(((Map<String, Object>) r.get(METRICS[m][0])).get(METRICS[m][1]));
          if (!(yv > 0)) {
            continue;
          }
          int x = L + (int) (pw * LoadBenchmark.num(r.get("repliesPerSecond")) / x1);
          int y = py(yv, y0, y1, ph);
          g.fillOval(x - 4, y - 4, 8, 8);
          if (px >= 0) {
            Stroke old = g.getStroke();
            g.setStroke(stroke);
            g.drawLine(px, py, x, y);
            g.setStroke(old);
          }
          px = x;
          py = y;
        }
        for (Map<String, Object> r : e.getValue()) {
          if (!"closed".equals(r.get("loop"))) {
            continue;
          }
          double yv =
              LoadBenchmark.num(((Map<String, Object>) r.get(METRICS[m][0])).get(METRICS[m][1]));
          if (yv > 0) {
            int x = L + (int) (pw * LoadBenchmark.num(r.get("repliesPerSecond")) / x1);
            g.drawRect(x - 5, py(yv, y0, y1, ph) - 5, 10, 10);
            g.drawString("K=" + r.get("concurrency"), x + 8, py(yv, y0, y1, ph) + 4);
          }
        }
        // legend
        Stroke old = g.getStroke();
        g.setStroke(stroke);
        g.drawLine(W - R + 15, legendY, W - R + 45, legendY);
        g.setStroke(old);
        g.setColor(Color.BLACK);
        g.drawString(
            (e.getKey().equals("pg") ? "PG" : "H2") + ": " + METRICS[m][2],
            W - R + 52,
            legendY + 4);
        legendY += 20;
      }
      legendY += 10;
    }
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  private static int py(double v, double y0, double y1, int ph) {
    double f = (Math.log10(v) - Math.log10(y0)) / (Math.log10(y1) - Math.log10(y0));
    return T + ph - (int) Math.round(ph * f);
  }

  private static double niceCeil(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }
}
