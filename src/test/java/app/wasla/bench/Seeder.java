package app.wasla.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Seeds live conversations into the PostgreSQL database of a running Wasla, in its own JVM: real
 * instances of {@code sales-conversation} resting where a conversation waits for its customer (a
 * CustomerMessage subscription, and the one of the "Customer went silent" event subprocess, as
 * after a first turn), with the variables of a real conversation (copied from one Wasla answered in
 * the warm-up), plus the rows Wasla keeps per conversation: {@code conversation}, {@code customer},
 * one delivered {@code inbox_message} and one sent {@code outbound_message}. Tops the database up
 * to {@code target} seeded conversations (cumulative between calls). A standalone engine with
 * history "auto" (the database's level, full for Wasla) and no job executor: it only writes.
 */
final class Seeder {

  private static final String FLOW = "sales-conversation";
  private static final String WAIT_STATE = "catchEvent_customerMessage";
  private static final String PREFIX = "2019";

  private Seeder() {}

  /** Arguments as key=value: url, user, target, threads=3, batch=100, phoneNumberId. */
  public static void main(String[] argv) throws Exception {
    Map<String, String> a = LoadBenchmark.parseArgs(argv);
    String url = a.get("url");
    String user = a.getOrDefault("user", "postgres");
    int target = Integer.parseInt(a.get("target"));
    int threads = Integer.parseInt(a.getOrDefault("threads", "3"));
    int batch = Integer.parseInt(a.getOrDefault("batch", "100"));
    String phone = a.get("phoneNumberId");

    StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
    config.setProcessEngineName("bench-seeder");
    config.setJdbcUrl(url);
    config.setJdbcUsername(user);
    config.setJdbcPassword("");
    config.setJdbcMaxActiveConnections(threads + 2);
    config.setDatabaseSchemaUpdate("false");
    config.setHistory(ProcessEngineConfiguration.HISTORY_AUTO);
    config.setIdGenerator(new StrongUuidGenerator());
    config.setJobExecutorActivate(false);
    config.setMetricsEnabled(false);
    ProcessEngine engine = config.buildProcessEngine();
    try (Connection c = DriverManager.getConnection(url, user, "")) {
      RuntimeService runtime = engine.getRuntimeService();
      Map<String, Object> template = template(runtime);
      int already;
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT COUNT(*) FROM conversation WHERE wa_id LIKE '" + PREFIX + "%'")) {
        rs.next();
        already = rs.getInt(1);
      }
      int toSeed = Math.max(0, target - already);
      long cpu0 = EngineFloor.processCpuNanos();
      Map<Long, long[]> pg0 = Proc.postgresSnapshot(dbName(url));
      long t0 = System.nanoTime();
      AtomicLong next = new AtomicLong(already);
      long end = already + (long) toSeed;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        work.add(
            pool.submit(
                () -> {
                  try (Connection jdbc = DriverManager.getConnection(url, user, "")) {
                    jdbc.setAutoCommit(false);
                    long from;
                    while ((from = next.getAndAdd(batch)) < end) {
                      seedBatch(
                          config,
                          runtime,
                          jdbc,
                          template,
                          phone,
                          from,
                          Math.min(end, from + batch));
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
      pool.shutdown();
      double seconds = (System.nanoTime() - t0) / 1e9;
      long[] pg = Proc.postgresCpuNanos(pg0, Proc.postgresSnapshot(dbName(url)));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("target", target);
      out.put("alreadySeeded", already);
      out.put("seeded", toSeed);
      out.put("seconds", Stats.round(seconds));
      out.put("perSecond", Stats.round(toSeed / Math.max(seconds, 1e-9)));
      out.put("jvmCpuSeconds", Stats.round((EngineFloor.processCpuNanos() - cpu0) / 1e9));
      out.put("pgCpuSecondsOurDb", Stats.round(pg[1] / 1e9));
      out.put("threads", threads);
      out.put("batch", batch);
      System.out.println(ChildJvm.RESULT + new ObjectMapper().writeValueAsString(out));
    } finally {
      engine.close();
    }
    System.out.flush();
    System.exit(0);
  }

  /**
   * The variables of a conversation Wasla itself brought to rest (the warm-up's), minus the
   * per-customer ones.
   */
  private static Map<String, Object> template(RuntimeService runtime) {
    List<ProcessInstance> resting =
        runtime.createProcessInstanceQuery().processDefinitionKey(FLOW).active().listPage(0, 50);
    for (ProcessInstance pi : resting) {
      boolean waiting =
          runtime
                  .createEventSubscriptionQuery()
                  .processInstanceId(pi.getId())
                  .eventName("CustomerMessage")
                  .count()
              > 0;
      if (waiting && pi.getBusinessKey() != null && !pi.getBusinessKey().contains(":" + PREFIX)) {
        return new HashMap<>(runtime.getVariables(pi.getId()));
      }
    }
    throw new IllegalStateException(
        "no " + FLOW + " instance waits for CustomerMessage: run the warm-up first");
  }

  private static void seedBatch(
      StandaloneProcessEngineConfiguration config,
      RuntimeService runtime,
      Connection jdbc,
      Map<String, Object> template,
      String phone,
      long from,
      long to)
      throws Exception {
    List<String[]> made = new ArrayList<>();
    // one engine transaction per batch: the nested commands join it
    ((ProcessEngineConfigurationImpl) config)
        .getCommandExecutorTxRequired()
        .execute(
            context -> {
              for (long n = from; n < to; n++) {
                String waId = waId(n);
                String key = phone + ":" + waId;
                Map<String, Object> vars = new HashMap<>(template);
                vars.put("conversationKey", key);
                vars.put("customerKey", key);
                vars.put("phoneNumberId", phone);
                vars.put("waId", waId);
                vars.put("customerName", "seed " + n);
                vars.put("lastWamid", "wamid.seed." + waId + ".0");
                String pid =
                    runtime
                        .createProcessInstanceByKey(FLOW)
                        .businessKey(key)
                        .startBeforeActivity(WAIT_STATE)
                        .setVariables(vars)
                        .execute(true, true)
                        .getId();
                made.add(new String[] {key, waId, pid});
              }
              return null;
            });
    Timestamp now = Timestamp.from(Instant.now());
    try (PreparedStatement conv =
            jdbc.prepareStatement(
                """
            INSERT INTO conversation (conversation_key, phone_number_id, wa_id, customer_name, created_at,
              last_inbound_at, turn_seq) VALUES (?, ?, ?, ?, ?, ?, 1)""");
        PreparedStatement cust =
            jdbc.prepareStatement(
                """
            INSERT INTO customer (customer_key, phone_number_id, wa_id, name, first_contact_at, last_contact_at,
              conversations, last_conversation_id, last_intent, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, 'greeting', ?)""");
        PreparedStatement in =
            jdbc.prepareStatement(
                """
            INSERT INTO inbox_message (wamid, conversation_key, message_name, message_type, text, profile_name,
              raw_json, wa_timestamp, received_at, status, delivered_at, turn_seq, process_instance_id)
            VALUES (?, ?, 'CustomerMessage', 'text', 'hello', ?, ?, ?, ?, 'DELIVERED', ?, 1, ?)""");
        PreparedStatement outMsg =
            jdbc.prepareStatement(
                """
            INSERT INTO outbound_message (idempotency_key, conversation_key, phone_number_id, wa_id, message_type,
              text, body_json, status, wamid, created_at, sent_at) VALUES (?, ?, ?, ?, 'text', ?, ?, 'SENT', ?, ?, ?)""")) {
      for (String[] m : made) {
        String key = m[0];
        String waId = m[1];
        String pid = m[2];
        String name = "seed " + waId;
        conv.setString(1, key);
        conv.setString(2, phone);
        conv.setString(3, waId);
        conv.setString(4, name);
        conv.setTimestamp(5, now);
        conv.setTimestamp(6, now);
        conv.addBatch();
        cust.setString(1, key);
        cust.setString(2, phone);
        cust.setString(3, waId);
        cust.setString(4, name);
        cust.setTimestamp(5, now);
        cust.setTimestamp(6, now);
        cust.setString(7, pid);
        cust.setTimestamp(8, now);
        cust.addBatch();
        in.setString(1, "wamid.seed." + waId + ".0");
        in.setString(2, key);
        in.setString(3, name);
        in.setString(
            4, "{\"from\":\"" + waId + "\",\"type\":\"text\",\"text\":{\"body\":\"hello\"}}");
        in.setTimestamp(5, now);
        in.setTimestamp(6, now);
        in.setTimestamp(7, now);
        in.setString(8, pid);
        in.addBatch();
        String text = "Hello! How can I help you today?";
        outMsg.setString(1, "seed:" + pid + ":1");
        outMsg.setString(2, key);
        outMsg.setString(3, phone);
        outMsg.setString(4, waId);
        outMsg.setString(5, text);
        outMsg.setString(
            6,
            "{\"messaging_product\":\"whatsapp\",\"to\":\""
                + waId
                + "\",\"type\":\"text\",\"text\":{\"body\":\""
                + text
                + "\"}}");
        outMsg.setString(7, "wamid.seedout." + waId);
        outMsg.setTimestamp(8, now);
        outMsg.setTimestamp(9, now);
        outMsg.addBatch();
      }
      conv.executeBatch();
      cust.executeBatch();
      in.executeBatch();
      outMsg.executeBatch();
      jdbc.commit();
    }
  }

  /** The wa_id of the n-th seeded customer (0-based). */
  static String waId(long n) {
    return PREFIX + String.format("%08d", n);
  }

  static String dbName(String jdbcUrl) {
    String s = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    int q = s.indexOf('?');
    return q < 0 ? s : s.substring(0, q);
  }
}
