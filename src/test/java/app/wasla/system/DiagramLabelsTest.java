package app.wasla.system;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.support.BrowserScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diagrams read in Cockpit and Modeler as they are drawn: e2e/render-diagrams.mjs --check draws
 * every BPMN file of processes/ with bpmn-js in Chromium and refuses a label whose text overlaps
 * another label, a shape or a flow. (bpmnlint checks the shapes, not the labels as drawn.)
 */
class DiagramLabelsTest {

  @BeforeAll
  static void requireBrowser() {
    BrowserScript.requireBrowser();
  }

  @Test
  void noLabelOfTheShippedDiagramsOverlapsAnything(@TempDir Path pictures) throws Exception {
    List<String> args = new ArrayList<>(List.of("--check", pictures.toString()));
    try (Stream<Path> files = Files.list(BrowserScript.PROJECT.resolve("processes"))) {
      files
          .filter(f -> f.toString().endsWith(".bpmn"))
          .sorted()
          .forEach(f -> args.add(f.toString()));
    }

    BrowserScript.Result result =
        BrowserScript.exec("render-diagrams.mjs", 180, args.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("rendered").doesNotContain("overlap");
  }

  @Test
  void aLabelMovedOntoATaskIsRefused(@TempDir Path copy) throws Exception {
    Path broken = copy.resolve("order-tracking.bpmn");
    String text =
        Files.readString(BrowserScript.PROJECT.resolve("processes/order-tracking.bpmn"))
            .replace(
                "<bpmndi:BPMNLabel><dc:Bounds x=\"485\" y=\"143\"",
                "<bpmndi:BPMNLabel><dc:Bounds x=\"250\" y=\"95\"");
    assertThat(text).contains("x=\"250\" y=\"95\"");
    write(broken, text);

    BrowserScript.Result result =
        BrowserScript.exec(
            "render-diagrams.mjs", 180, "--check", copy.toString(), broken.toString());

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output())
        .contains("the label of endEvent_statusAnswered overlaps serviceTask_trackOrder")
        .contains("1 overlapping labels");
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text);
  }
}
