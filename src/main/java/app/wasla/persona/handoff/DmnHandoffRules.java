package app.wasla.persona.handoff;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;

/**
 * The handoff rules as the analysts keep them: the decision {@code handoffRules} of {@code
 * processes/handoff-rules.dmn}, evaluated with Camunda's standalone DMN engine (no process engine
 * needed). Read from the file system when the file is there (the working directory is the project),
 * else from the classpath copy the build makes.
 */
public final class DmnHandoffRules implements HandoffRules {

  public static final String DEFAULT_PATH = "processes/handoff-rules.dmn";
  public static final String DECISION_ID = "handoffRules";

  // The decision is a pure function of its inputs, and the embedded persona's inputs are few
  // discrete values, so
  // each distinct input is evaluated once: FEEL costs about half a millisecond of CPU per
  // evaluation of this table
  // (it builds its built-in functions and parses every unary test anew each time;
  // docs/benchmark.md),
  // a lookup costs nothing. Bounded, least recently used first out.
  private static final int REMEMBERED_INPUTS = 10_000;

  private final DmnEngine engine;
  private final DmnDecision decision;
  private final Cache<Input, Decision> remembered =
      Caffeine.newBuilder().maximumSize(REMEMBERED_INPUTS).build();
  private final AtomicLong evaluations = new AtomicLong();

  private DmnHandoffRules(InputStream dmn) {
    this.engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    this.decision = engine.parseDecision(DECISION_ID, dmn);
  }

  /** The rules of processes/handoff-rules.dmn: the file if present, else the classpath resource. */
  public static DmnHandoffRules load() {
    return load(DEFAULT_PATH);
  }

  public static DmnHandoffRules load(String path) {
    Path file = Path.of(path);
    try (InputStream in =
        Files.isRegularFile(file)
            ? Files.newInputStream(file)
            : DmnHandoffRules.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            "handoff rules not found at " + path + " (file system or classpath)");
      }
      return new DmnHandoffRules(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Decision decide(Input input) {
    return remembered.get(input, this::evaluate);
  }

  /** How many times the DMN table itself was evaluated (the rest came from the memo). */
  long evaluations() {
    return evaluations.get();
  }

  private Decision evaluate(Input input) {
    evaluations.incrementAndGet();
    Map<String, Object> vars = new HashMap<>();
    vars.put("intent", input.intent());
    vars.put("sentimentScore", input.sentimentScore());
    vars.put("orderValue", input.orderValue());
    vars.put("lowConfidenceStreak", input.lowConfidenceStreak());
    vars.put("intentConfidence", input.intentConfidence());
    DmnDecisionTableResult result = engine.evaluateDecisionTable(decision, vars);
    DmnDecisionRuleResult first = result.getFirstResult();
    if (first == null) {
      return Decision.NONE;
    }
    Object handoff = first.get("handoff");
    Object reason = first.get("handoffReason");
    boolean h = Boolean.TRUE.equals(handoff);
    return new Decision(h, h && reason != null ? reason.toString() : null);
  }
}
