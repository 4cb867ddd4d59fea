package app.wasla.security;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.webhook.PublishEventDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The element templates of .camunda/element-templates/ and Wasla's beans agree: every template
 * calls a bean that expressions may name, and every step bean (a delegate a task calls) has its
 * template, so that an analyst picks a step from the Modeler's list instead of typing its name.
 */
class ElementTemplatesTest {

  /** Beans that gateways and listeners call as expressions: helpers, not steps. */
  private static final Set<String> NOT_STEPS =
      Set.of(
          "personaTurns",
          "salesTopics",
          "salesTurns",
          "orderCancelRequests",
          "commerceTimers",
          "returnTexts",
          "handoffTaskListener",
          "handoffSla",
          "handoffWithdrawal");

  private static final Path TEMPLATES = Path.of(".camunda/element-templates");

  @Test
  void everyStepBeanHasATemplateAndEveryTemplateCallsAKnownBean() throws IOException {
    Set<String> called = new TreeSet<>();
    for (JsonNode template : templates()) {
      for (JsonNode property : template.path("properties")) {
        if ("camunda:delegateExpression".equals(property.path("binding").path("name").asText())) {
          String value = property.path("value").asText();
          assertThat(value).as(template.path("id").asText()).matches("\\$\\{\\w+}");
          called.add(value.substring(2, value.length() - 1));
        }
      }
    }
    Set<String> steps = new TreeSet<>(ExpressionBeans.WASLA);
    steps.removeAll(NOT_STEPS);

    assertThat(called).isSubsetOf(ExpressionBeans.WASLA);
    assertThat(called).containsAll(steps);
  }

  @Test
  void publishEventsTemplateSetsTheInputThatTheDelegateReads() throws IOException {
    JsonNode publish =
        templates().stream()
            .filter(t -> t.path("id").asText().equals("wasla.publishEvent"))
            .findFirst()
            .orElseThrow();

    assertThat(publish.path("properties").findValues("binding"))
        .anySatisfy(
            binding -> {
              assertThat(binding.path("type").asText()).isEqualTo("camunda:inputParameter");
              assertThat(binding.path("name").asText()).isEqualTo(PublishEventDelegate.EVENT_TYPE);
            });
  }

  private static java.util.List<JsonNode> templates() throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      return files
          .filter(f -> f.toString().endsWith(".json"))
          .sorted()
          .flatMap(
              f -> {
                try {
                  JsonNode node = json.readTree(f.toFile());
                  return node.isArray()
                      ? java.util.stream.StreamSupport.stream(node.spliterator(), false)
                      : Stream.of(node);
                } catch (IOException e) {
                  throw new IllegalStateException(f + ": " + e.getMessage(), e);
                }
              })
          .toList();
    }
  }
}
