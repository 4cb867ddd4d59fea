package app.wasla.commerce.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the TurnBoundaries tests read: the jobs the deployed flows have, through their job
 * definitions (Camunda's public API), against the jobs the diagrams draw for business reasons (a
 * payment's callback, a reminder, a booking written in the business's calendar).
 */
abstract class TurnBoundariesCase {

  /** The flows a conversation runs: the one the mailbox starts and the sales flows it calls. */
  static final List<String> FLOWS =
      List.of(
          "sales-conversation",
          "order-and-pay",
          "booking-change",
          "order-cancel",
          "returns-and-warranty");

  /** Drawn in the diagrams: a job before (or after) these whatever the configuration. */
  static final Map<String, Set<String>> DRAWN_BEFORE =
      Map.of(
          "sales-conversation",
          Set.of("serviceTask_handleOverdue", "serviceTask_sendAgentReply"),
          "order-and-pay",
          Set.of(
              "serviceTask_handleOverdue",
              "serviceTask_sendAgentReply",
              "serviceTask_confirmPayment",
              "serviceTask_paymentFailed",
              "serviceTask_remindPayment",
              "serviceTask_expireOrder"),
          "booking-change",
          Set.of(
              "serviceTask_findBooking",
              "serviceTask_book",
              "serviceTask_rescheduleBooking",
              "serviceTask_cancelBooking"),
          "order-cancel",
          Set.of("serviceTask_findOrder", "serviceTask_cancelOrder"),
          "returns-and-warranty",
          Set.of("serviceTask_lookUpOrder"));

  static final Map<String, Set<String>> DRAWN_AFTER =
      Map.of(
          "sales-conversation",
          Set.of(),
          "order-and-pay",
          Set.of("catchEvent_customerWhilePaying"),
          "booking-change",
          Set.of("catchEvent_answer"),
          "order-cancel",
          Set.of("catchEvent_answer"),
          "returns-and-warranty",
          Set.of());

  /** The persona's steps, which read a customer's turn. */
  static final Map<String, Set<String>> PERSONA_STEPS =
      Map.of(
          "sales-conversation",
          Set.of("serviceTask_reply"),
          "order-and-pay",
          Set.of(
              "serviceTask_readOfferTurn",
              "serviceTask_checkoutPersona",
              "serviceTask_answerWhilePaying"),
          "booking-change",
          Set.of("serviceTask_freeTurn"),
          "order-cancel",
          Set.of("serviceTask_freeTurn"),
          "returns-and-warranty",
          Set.of(
              "serviceTask_otherTopic",
              "serviceTask_otherTopicPhoto",
              "serviceTask_answerMeanwhile",
              "serviceTask_otherTopicRepair"));

  @Autowired ProcessEngine engine;

  /** For each flow, the steps with a job before them that configuration adds to the drawn ones. */
  abstract Map<String, Set<String>> configured();

  /**
   * Every flow's jobs are exactly the drawn ones and the configured ones: no job a diagram draws
   * for performance ("... in a job"), none missing before a network call.
   */
  void assertJobsAsConfigured() {
    for (String flow : FLOWS) {
      Set<String> before = new HashSet<>(DRAWN_BEFORE.get(flow));
      before.addAll(configured().getOrDefault(flow, Set.of()));
      assertThat(jobs(flow, "async-before"))
          .as(flow + ": a job before")
          .isEqualTo(new TreeSet<>(before));
      assertThat(jobs(flow, "async-after"))
          .as(flow + ": a job after")
          .isEqualTo(new TreeSet<>(DRAWN_AFTER.get(flow)));
    }
  }

  /** The activities of the flow's latest version with a job definition of this kind. */
  Set<String> jobs(String flow, String configuration) {
    ProcessDefinition definition =
        engine
            .getRepositoryService()
            .createProcessDefinitionQuery()
            .processDefinitionKey(flow)
            .latestVersion()
            .singleResult();
    Set<String> activities = new TreeSet<>();
    for (JobDefinition job :
        engine
            .getManagementService()
            .createJobDefinitionQuery()
            .processDefinitionId(definition.getId())
            .jobType("async-continuation")
            .list()) {
      if (configuration.equals(job.getJobConfiguration())) {
        activities.add(job.getActivityId());
      }
    }
    return activities;
  }
}
