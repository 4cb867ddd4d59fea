package app.wasla;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Camunda's internals stay behind {@code app.wasla.engine} (docs/architecture.md, "The engine
 * boundary"): no other class uses {@code org.camunda.bpm.engine.impl}, and no other source file
 * holds SQL on Camunda's {@code ACT_*} tables. A Camunda upgrade, or a move to Operaton, then has
 * one package to look at.
 */
class EngineBoundaryTest {

  static final String ENGINE_PACKAGE = "app.wasla.engine";
  static final Path SOURCES = Path.of("src/main/java");
  static final Path ENGINE_SOURCES = SOURCES.resolve("app/wasla/engine");

  /**
   * A name of Camunda's tables: ACT_ not preceded by a letter, digit or underscore (CONTACT_ is no
   * engine table).
   */
  static final Pattern ENGINE_TABLE = Pattern.compile("(?i)(?<![A-Za-z0-9_])ACT_");

  @Test
  void onlyTheEnginePackageUsesCamundasInternalClasses() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("app.wasla");
    assertThat(classes.stream().filter(c -> c.getPackageName().startsWith(ENGINE_PACKAGE)))
        .isNotEmpty();

    noClasses()
        .that()
        .resideOutsideOfPackage(ENGINE_PACKAGE + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.camunda.bpm.engine.impl..")
        .because(
            "Camunda's internal classes change without notice between versions; app.wasla.engine wraps "
                + "what Wasla needs of them behind its own small interfaces")
        .check(classes);
  }

  @Test
  void onlyTheEnginePackageHoldsSqlOnCamundasTables() throws IOException {
    List<String> outside = new ArrayList<>();
    List<String> inside = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files
          .filter(f -> f.toString().endsWith(".java"))
          .forEach(
              file -> {
                for (String literal : stringLiterals(read(file))) {
                  if (ENGINE_TABLE.matcher(literal).find()) {
                    (file.startsWith(ENGINE_SOURCES) ? inside : outside)
                        .add(SOURCES.relativize(file) + ": " + literal.strip());
                  }
                }
              });
    }
    assertThat(inside).as("the scan finds the engine package's own SQL").isNotEmpty();
    assertThat(outside)
        .as("string literals naming Camunda's ACT_ tables outside app/wasla/engine")
        .isEmpty();
  }

  @Test
  void theScanReadsLiteralsAndTextBlocksButNotComments() {
    String source =
        """
        // SELECT * FROM ACT_RU_JOB in a comment
        /* ACT_HI_VARINST in a block comment, "not a literal" */
        /** Javadoc: ACT_RU_TASK.NAME_ */
        String a = "UPDATE ACT_RU_JOB SET DUEDATE_ = ?";
        String b = \"""
            SELECT 1 FROM act_ru_execution e
            WHERE e.ID_ = ?\""";
        String c = "contact_time \\" quoted \\" ACT_ after an escape";
        char d = '"';
        String e = "plain";
        """;

    List<String> literals = stringLiterals(source);

    assertThat(literals).hasSize(4);
    assertThat(literals.stream().filter(l -> ENGINE_TABLE.matcher(l).find()))
        .containsExactly(
            "UPDATE ACT_RU_JOB SET DUEDATE_ = ?",
            "\n    SELECT 1 FROM act_ru_execution e\n    WHERE e.ID_ = ?",
            "contact_time \\\" quoted \\\" ACT_ after an escape");
    assertThat(ENGINE_TABLE.matcher("UPDATE customer SET contact_time = ?").find()).isFalse();
  }

  /**
   * The contents of the string literals and text blocks of a Java source, comments and char
   * literals left out.
   */
  static List<String> stringLiterals(String source) {
    List<String> literals = new ArrayList<>();
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        int end = source.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (source.startsWith("\"\"\"", i)) {
        int start = source.indexOf('\n', i) + 1;
        int end = closing(source, start, "\"\"\"");
        literals.add(source.substring(start - 1, end));
        i = end + 3;
      } else if (c == '"') {
        int end = closing(source, i + 1, "\"");
        literals.add(source.substring(i + 1, end));
        i = end + 1;
      } else if (c == '\'') {
        int end = closing(source, i + 1, "'");
        i = end + 1;
      } else {
        i++;
      }
    }
    return literals;
  }

  /** Where the unescaped delimiter closes what starts at {@code from}. */
  private static int closing(String source, int from, String delimiter) {
    int i = from;
    while (i < source.length()) {
      if (source.charAt(i) == '\\') {
        i += 2;
      } else if (source.startsWith(delimiter, i)) {
        return i;
      } else {
        i++;
      }
    }
    throw new IllegalStateException("unclosed literal at " + from);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
