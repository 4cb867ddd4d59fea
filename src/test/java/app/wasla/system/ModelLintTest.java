package app.wasla.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import app.wasla.support.BrowserScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What analysts edit in Camunda Modeler is checked as the Modeler checks it: e2e/lint-models.mjs
 * runs bpmnlint with processes/.bpmnlintrc on every BPMN file of processes/, dmnlint with
 * processes/.dmnlintrc on every DMN file, validates every element template of
 * .camunda/element-templates/ against the published JSON schema, and checks each templated element
 * against its template. Any problem, a warning included, fails the build.
 */
class ModelLintTest {

  private static final Path PROJECT = BrowserScript.PROJECT;

  @BeforeAll
  static void requireNodeModules() {
    if (!Files.isDirectory(PROJECT.resolve("e2e/node_modules/bpmnlint"))) {
      fail("e2e/node_modules/bpmnlint is missing: run `npm ci --prefix e2e` (as .ci/run does)");
    }
  }

  @Test
  void shippedProcessesDecisionsAndTemplatesHaveNoProblem() throws Exception {
    BrowserScript.Result result = BrowserScript.exec("lint-models.mjs", 120);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("models: no problems in");
  }

  @Test
  void aBrokenCopyIsRefusedWithEveryProblemNamed(@TempDir Path copy) throws Exception {
    copyTree(PROJECT.resolve("processes"), copy.resolve("processes"));
    copyTree(
        PROJECT.resolve(".camunda/element-templates"), copy.resolve(".camunda/element-templates"));
    // a new flow that someone adds: its task is a fake join, its end is implicit
    Files.writeString(
        copy.resolve("processes/campaign.bpmn"),
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
            xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
            xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
            id="definitions_campaign" targetNamespace="https://wasla.app/processes">
          <bpmn:process id="campaign" name="Campaign" isExecutable="true">
            <bpmn:startEvent id="start" name="Campaign starts">
              <bpmn:outgoing>flow_a</bpmn:outgoing>
              <bpmn:outgoing>flow_b</bpmn:outgoing>
            </bpmn:startEvent>
            <bpmn:task id="task_send" name="Send the offer">
              <bpmn:incoming>flow_a</bpmn:incoming>
              <bpmn:incoming>flow_b</bpmn:incoming>
            </bpmn:task>
            <bpmn:sequenceFlow id="flow_a" sourceRef="start" targetRef="task_send" />
            <bpmn:sequenceFlow id="flow_b" sourceRef="start" targetRef="task_send" />
          </bpmn:process>
          <bpmndi:BPMNDiagram id="diagram_campaign">
            <bpmndi:BPMNPlane id="plane_campaign" bpmnElement="campaign">
              <bpmndi:BPMNShape id="shape_start" bpmnElement="start">
                <dc:Bounds x="100" y="100" width="36" height="36" />
              </bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="shape_task_send" bpmnElement="task_send">
                <dc:Bounds x="200" y="80" width="100" height="80" />
              </bpmndi:BPMNShape>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """);
    // a templated task made to call another bean than its template says
    replace(
        copy.resolve("processes/order-tracking.bpmn"),
        "camunda:delegateExpression=\"${trackOrder}\"",
        "camunda:delegateExpression=\"${cancelOrder}\"");
    // a template that the schema refuses: appliesTo without its namespace
    replace(
        copy.resolve(".camunda/element-templates/wasla-booking.json"),
        "\"bpmn:ServiceTask\"\n    ],\n    \"elementType\"",
        "\"ServiceTask\"\n    ],\n    \"elementType\"");
    // a DMN decision without a name
    replace(
        copy.resolve("processes/handoff-routing.dmn"),
        "<decision id=\"handoffRouting\" name=\"",
        "<decision id=\"handoffRouting\" label=\"");

    BrowserScript.Result result = BrowserScript.exec("lint-models.mjs", 120, copy.toString());

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output())
        .contains("processes/campaign.bpmn: task_send: warning: Incoming flows do not join")
        .contains("processes/campaign.bpmn: task_send: error: Element is an implicit end")
        .contains("processes/campaign.bpmn: flow_a: error: Element is missing bpmndi (no-bpmndi)")
        .contains(
            "processes/order-tracking.bpmn: serviceTask_trackOrder: template wasla.trackOrder sets"
                + " camunda:delegateExpression to ${trackOrder}, the element has ${cancelOrder}")
        .contains(
            ".camunda/element-templates/wasla-booking.json: wasla.findBooking: element template:")
        .contains(
            "processes/handoff-routing.dmn: handoffRouting: error: Element is missing label/name")
        .containsPattern("models: \\d+ problems in \\d+ BPMN, \\d+ DMN");
  }

  private static void replace(Path file, String from, String to) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).as("%s contains %s", file, from).contains(from);
    Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
