package app.wasla.persona.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.wasla.persona.PersonaTurn;
import app.wasla.persona.handoff.DmnHandoffRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learning persona on its own (no database): an analyst's example changes how the same and a
 * similar message are read once the model is rebuilt; a bad examples file is refused with the lines
 * named and the model that answered keeps answering.
 */
class LearnedReadingTest {

  @TempDir Path playbook;

  @Test
  void anExampleChangesTheReadingOfTheSameAndASimilarMessageAndABadFileChangesNothing()
      throws IOException {
    copyShippedPlaybookTo(playbook);
    PersonaLearning learning =
        new PersonaLearning(
            "Nour",
            "file:" + playbook,
            DmnHandoffRules.load(),
            null,
            new LearningProperties(true, Duration.ofSeconds(2), Duration.ofSeconds(1), 3, 5),
            Clock.systemUTC());
    // "can you gift-wrap it?" reads as asking for a person
    String message = "ممكن تغلفوه هدية؟";
    String intent = "other";
    String similar = "ممكن تغلفوها هدية لو سمحت؟";
    assertThat(read(learning, message)).isNotEqualTo(intent);
    assertThat(read(learning, similar)).isNotEqualTo(intent);

    Path file = playbook.resolve(ExamplesFile.NAME);
    Files.writeString(file, Files.readString(file) + intent + "\t" + message + "\n");
    PersonaLearning.Generation next = learning.reload("test");
    assertThat(next.version()).isEqualTo(2);
    assertThat(read(learning, message)).isEqualTo(intent);
    assertThat(read(learning, similar)).isEqualTo(intent);

    Files.writeString(
        file,
        "# header\n"
            + intent
            + "\t"
            + message
            + "\n"
            + "prodcut_inquiry\tbekam el iphone\n"
            + "order\n"
            + "order\ttext\txx\n");
    assertThatThrownBy(() -> learning.reload("test"))
        .isInstanceOf(ExamplesFile.InvalidExamplesException.class)
        .hasMessageContaining(file + ":3: unknown intent 'prodcut_inquiry'")
        .hasMessageContaining(file + ":4: 1 column")
        .hasMessageContaining(file + ":5: unknown form 'xx'");
    assertThat(learning.current()).isSameAs(next);
    assertThat(learning.status().lastFailure().problems()).hasSize(3);
    assertThat(read(learning, message)).isEqualTo(intent);
  }

  @Test
  void aChangedFileIsReadOnceItHasSettledAndABadOneIsRefusedOnce() throws IOException {
    copyShippedPlaybookTo(playbook);
    PersonaLearning learning =
        new PersonaLearning(
            "Nour",
            "file:" + playbook,
            DmnHandoffRules.load(),
            null,
            new LearningProperties(true, Duration.ofSeconds(2), Duration.ofSeconds(1), 3, 5),
            Clock.systemUTC());
    learning.poll(); // the first look only sees the files
    Path file = playbook.resolve(ExamplesFile.NAME);
    String good = Files.readString(file);

    Files.writeString(file, good + "product_inquiry\tmomken abadel el mobile el adim\n");
    learning.poll();
    assertThat(learning.current().version()).as("a file just written is not read yet").isEqualTo(1);
    learning.poll();
    assertThat(learning.current().version()).isEqualTo(2);
    assertThat(learning.current().trigger())
        .isEqualTo(ExamplesFile.NAME + " or the playbook changed");
    learning.poll();
    assertThat(learning.current().version()).as("nothing changed").isEqualTo(2);

    Files.writeString(file, good + "refund\tmy money back\n");
    learning.poll();
    learning.poll();
    PersonaLearning.Failure refused = learning.status().lastFailure();
    assertThat(refused).isNotNull();
    assertThat(refused.problems())
        .singleElement()
        .asString()
        .endsWith(
            "unknown intent 'refund' (known: "
                + String.join(", ", app.wasla.persona.Intents.ALL)
                + ")");
    learning.poll();
    assertThat(learning.status().lastFailure())
        .as("the same file is not tried again")
        .isSameAs(refused);
    assertThat(learning.current().version()).isEqualTo(2);

    Files.writeString(file, good);
    learning.poll();
    learning.poll();
    assertThat(learning.current().version()).isEqualTo(3);
    assertThat(learning.status().lastFailure()).isNull();
  }

  private static String read(PersonaLearning learning, String text) {
    return learning
        .persona()
        .respond(new PersonaTurn("k", List.of(text), null, List.of(), null, 0))
        .intent();
  }

  static void copyShippedPlaybookTo(Path dir) throws IOException {
    Path shipped = Path.of("src/main/resources/persona/playbook");
    try (var files = Files.list(shipped)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
  }
}
