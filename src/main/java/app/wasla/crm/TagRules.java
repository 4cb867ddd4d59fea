package app.wasla.crm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;

/**
 * The tag rules as the analysts keep them: decision {@code customerTags} (hit policy COLLECT) of
 * {@code processes/customer-tags.dmn}, evaluated with Camunda's standalone DMN engine. Read from
 * the file system when the file is there (the working directory is the project), else from the
 * classpath copy the build makes.
 */
public final class TagRules {

  public static final String DEFAULT_PATH = "processes/customer-tags.dmn";
  public static final String DECISION_ID = "customerTags";

  /**
   * What the rules may look at. {@code daysSinceLastOrder} is null when the customer never ordered,
   * {@code lastIntent} before the first turn.
   */
  public record Facts(
      double totalSpend,
      int orders,
      String lastIntent,
      int negativeTurnsInARow,
      Integer daysSinceLastOrder,
      double openBalance,
      int conversations) {}

  // The decision is a pure function of the facts, and the facts are few discrete values (most
  // customers share
  // them: no orders, no spend, one conversation, the same few intents), so each distinct set is
  // evaluated once.
  // FEEL evaluation costs about half a millisecond of CPU per call; a lookup costs nothing.
  // Bounded, least
  // recently used first out (Caffeine).
  private static final int REMEMBERED_FACTS = 10_000;

  private final DmnEngine engine;
  private final DmnDecision decision;
  private final Cache<Facts, Set<String>> remembered =
      Caffeine.newBuilder().maximumSize(REMEMBERED_FACTS).build();

  private TagRules(InputStream dmn) {
    this.engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    this.decision = engine.parseDecision(DECISION_ID, dmn);
  }

  /** The rules of processes/customer-tags.dmn: the file if present, else the classpath resource. */
  public static TagRules load() {
    return load(DEFAULT_PATH);
  }

  public static TagRules load(String path) {
    Path file = Path.of(path);
    try (InputStream in =
        Files.isRegularFile(file)
            ? Files.newInputStream(file)
            : TagRules.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            "customer tag rules not found at " + path + " (file system or classpath)");
      }
      return new TagRules(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tags every matching row yields, each once, sorted. */
  public Set<String> tags(Facts facts) {
    return remembered.get(facts, this::evaluate);
  }

  private Set<String> evaluate(Facts facts) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("totalSpend", facts.totalSpend());
    vars.put("orders", facts.orders());
    vars.put("lastIntent", facts.lastIntent());
    vars.put("negativeTurnsInARow", facts.negativeTurnsInARow());
    vars.put("daysSinceLastOrder", facts.daysSinceLastOrder());
    vars.put("openBalance", facts.openBalance());
    vars.put("conversations", facts.conversations());
    Set<String> tags = new TreeSet<>();
    for (DmnDecisionRuleResult row : engine.evaluateDecisionTable(decision, vars)) {
      Object tag = row.get("tag");
      if (tag != null && !tag.toString().isBlank()) {
        tags.add(Tags.normalize(tag.toString()));
      }
    }
    return Collections.unmodifiableSet(tags);
  }
}
