package app.wasla;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/architecture.md, checked: the capabilities ({@code
 * app.wasla.<capability>..}) depend on each other in one direction only, from the edges (REST,
 * pages) through the business capabilities down to the WhatsApp channel and the shared basics in
 * {@code system}; and each capability's tables are read and written by its own package only
 * (another package asks the owner: a public class, a port interface, or an event).
 */
@AnalyzeClasses(packages = "app.wasla", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule capabilitiesAreFreeOfCycles =
      slices().matching("app.wasla.(*)..").should().beFreeOfCycles();

  /**
   * Bottom to top; a layer uses only the layers below it. The engine adapter ({@code engine}, the
   * only user of Camunda's internal classes: EngineBoundaryTest) is the bottom: it knows no
   * capability. Nothing uses {@code api}, {@code simulator} or {@code reports} (the REST API, the
   * sandbox page and the owner's reports are edges), and {@code handoff} only them.
   */
  @ArchTest
  static final ArchRule capabilitiesAreLayered =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("engine")
          .definedBy("app.wasla.engine..")
          .layer("system")
          .definedBy("app.wasla.system..")
          .layer("channel")
          .definedBy("app.wasla.channel..")
          .layer("security")
          .definedBy("app.wasla.security..")
          .layer("webhook")
          .definedBy("app.wasla.webhook..")
          .layer("conversation")
          .definedBy("app.wasla.conversation..")
          .layer("crm")
          .definedBy("app.wasla.crm..")
          .layer("persona")
          .definedBy("app.wasla.persona..")
          .layer("commerce")
          .definedBy("app.wasla.commerce..")
          .layer("handoff")
          .definedBy("app.wasla.handoff..")
          .layer("notification")
          .definedBy("app.wasla.notification..")
          .layer("api")
          .definedBy("app.wasla.api..")
          .layer("simulator")
          .definedBy("app.wasla.simulator..")
          .layer("inbox")
          .definedBy("app.wasla.inbox..")
          .layer("reports")
          .definedBy("app.wasla.reports..")
          .layer("campaign")
          .definedBy("app.wasla.campaign..")
          .whereLayer("engine")
          .mayNotAccessAnyLayer()
          .whereLayer("system")
          .mayOnlyAccessLayers("engine")
          .whereLayer("channel")
          .mayOnlyAccessLayers("engine", "system")
          .whereLayer("security")
          .mayOnlyAccessLayers("engine", "system", "channel")
          .whereLayer("webhook")
          .mayOnlyAccessLayers("engine", "system", "channel", "security")
          .whereLayer("conversation")
          .mayOnlyAccessLayers("engine", "system", "channel", "security", "webhook")
          .whereLayer("crm")
          .mayOnlyAccessLayers("engine", "system", "channel", "security", "webhook", "conversation")
          .whereLayer("persona")
          .mayOnlyAccessLayers(
              "engine", "system", "channel", "security", "webhook", "conversation", "crm")
          .whereLayer("commerce")
          .mayOnlyAccessLayers(
              "engine",
              "system",
              "channel",
              "security",
              "webhook",
              "conversation",
              "crm",
              "persona")
          .whereLayer("handoff")
          .mayOnlyAccessLayers(
              "engine",
              "system",
              "channel",
              "security",
              "webhook",
              "conversation",
              "crm",
              "persona",
              "commerce")
          .whereLayer("notification")
          .mayOnlyAccessLayers(
              "engine", "system", "channel", "security", "webhook", "conversation", "crm")
          .whereLayer("api")
          .mayOnlyAccessLayers(
              "engine",
              "system",
              "channel",
              "security",
              "webhook",
              "conversation",
              "crm",
              "persona",
              "commerce",
              "notification")
          .whereLayer("simulator")
          .mayOnlyAccessLayers(
              "engine", "system", "channel", "security", "conversation", "notification")
          .whereLayer("inbox")
          .mayOnlyAccessLayers(
              "engine",
              "system",
              "channel",
              "security",
              "webhook",
              "conversation",
              "crm",
              "persona",
              "commerce",
              "handoff")
          .whereLayer("reports")
          .mayOnlyAccessLayers(
              "engine",
              "system",
              "channel",
              "security",
              "conversation",
              "crm",
              "persona",
              "commerce",
              "handoff",
              "notification",
              "campaign")
          .whereLayer("campaign")
          .mayOnlyAccessLayers(
              "engine",
              "system",
              "channel",
              "security",
              "webhook",
              "conversation",
              "crm",
              "commerce",
              "notification");

  /**
   * The shared basics are the bottom: they know no capability, so every capability may use them.
   */
  @ArchTest
  static final ArchRule systemDependsOnNoCapability =
      noClasses()
          .that()
          .resideInAPackage("app.wasla.system..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "app.wasla.api..",
              "app.wasla.channel..",
              "app.wasla.commerce..",
              "app.wasla.conversation..",
              "app.wasla.crm..",
              "app.wasla.handoff..",
              "app.wasla.inbox..",
              "app.wasla.persona..",
              "app.wasla.reports..",
              "app.wasla.security..",
              "app.wasla.simulator..",
              "app.wasla.webhook..",
              "app.wasla.notification..",
              "app.wasla.campaign..");

  /** Who owns which of Wasla's tables (db/migration): the only package whose SQL names it. */
  static final Map<String, String> TABLE_OWNERS =
      Map.ofEntries(
          Map.entry("conversation", "conversation"),
          Map.entry("conversation_start", "conversation"),
          Map.entry("inbox_message", "conversation"),
          Map.entry("outbound_message", "conversation"),
          Map.entry("message_status", "conversation"),
          Map.entry("inbox_media", "conversation"),
          Map.entry("persona_usage", "persona"),
          Map.entry("persona_turn", "persona"),
          Map.entry("persona_correction", "persona"),
          Map.entry("handoff_turn", "persona"),
          Map.entry("webhook_subscription", "webhook"),
          Map.entry("webhook_event", "webhook"),
          Map.entry("webhook_delivery", "webhook"),
          Map.entry("webhook_attempt", "webhook"),
          Map.entry("api_key", "api"),
          Map.entry("customer", "crm"),
          Map.entry("customer_attribute", "crm"),
          Map.entry("customer_tag", "crm"),
          Map.entry("customer_event", "crm"),
          Map.entry("commerce_branch", "commerce"),
          Map.entry("commerce_product", "commerce"),
          Map.entry("commerce_stock", "commerce"),
          Map.entry("commerce_service", "commerce"),
          Map.entry("commerce_booking", "commerce"),
          Map.entry("commerce_order", "commerce"),
          Map.entry("commerce_payment", "commerce"),
          Map.entry("commerce_payment_callback", "commerce"),
          Map.entry("commerce_sale", "commerce"),
          Map.entry("commerce_shipment_event", "commerce"),
          Map.entry("commerce_invoice", "commerce"),
          Map.entry("agent_presence", "handoff"),
          Map.entry("handoff_event", "handoff"),
          Map.entry("handoff_owner", "handoff"),
          Map.entry("notification", "notification"),
          Map.entry("campaign", "campaign"),
          Map.entry("campaign_recipient", "campaign"));

  private static final Path MAIN = Path.of("src/main/java/app/wasla");
  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
  private static final Pattern CREATE_TABLE =
      Pattern.compile("CREATE TABLE\\s+(?:IF NOT EXISTS\\s+)?(\\w+)");
  private static final Pattern TABLE_IN_SQL =
      Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+(\\w+)\\b");

  @Test
  void everyTableHasAnOwner() throws IOException {
    Set<String> created = new TreeSet<>();
    try (Stream<Path> files = Files.list(MIGRATIONS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
        Matcher m = CREATE_TABLE.matcher(Files.readString(file));
        while (m.find()) {
          created.add(m.group(1).toLowerCase());
        }
      }
    }
    assertThat(created).isNotEmpty();
    assertThat(TABLE_OWNERS.keySet())
        .as("a new table needs its owner here and in docs/architecture.md")
        .containsExactlyInAnyOrderElementsOf(created);
  }

  @Test
  void eachTableIsTouchedOnlyByItsOwnersPackage() throws IOException {
    Map<String, List<String>> foreign = new TreeMap<>();
    int references = 0;
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = MAIN.relativize(file);
        if (relative.getNameCount() < 2) {
          continue;
        }
        String capability = relative.getName(0).toString();
        Matcher m = TABLE_IN_SQL.matcher(Files.readString(file));
        while (m.find()) {
          String owner = TABLE_OWNERS.get(m.group(1).toLowerCase());
          if (owner != null) {
            references++;
            if (!owner.equals(capability)) {
              foreign
                  .computeIfAbsent(relative.toString(), f -> new ArrayList<>())
                  .add(m.group(1) + " (" + owner + ")");
            }
          }
        }
      }
    }
    assertThat(references).as("the scan finds the tables' own SQL").isGreaterThan(50);
    assertThat(foreign).as("SQL on another capability's tables").isEmpty();
  }
}
