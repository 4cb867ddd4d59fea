package app.wasla.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.Test;

/** processes/handoff-routing.dmn as the flows evaluate it: which team takes a handoff. */
class HandoffRoutingDmnTest {

  private static final DmnEngine ENGINE =
      DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

  private static String team(String reason, String intent, String followUpTeam) throws Exception {
    try (InputStream dmn = Files.newInputStream(Path.of("processes/handoff-routing.dmn"))) {
      DmnDecision decision = ENGINE.parseDecision("handoffRouting", dmn);
      Map<String, Object> variables = new HashMap<>();
      variables.put("handoffReason", reason);
      variables.put("intent", intent);
      variables.put("customerTags", "");
      variables.put("followUpTeam", followUpTeam);
      return ENGINE.evaluateDecisionTable(decision, variables).getSingleEntry();
    }
  }

  @Test
  void aFollowUpOnAPersonsWordsGoesToHerTeamWhateverTheIntent() throws Exception {
    assertThat(team("agent follow-up", "product_inquiry", "support")).isEqualTo("support");
    assertThat(team("agent follow-up", "complaint", "sales")).isEqualTo("sales");
    assertThat(team("agent follow-up", "other", "vip")).isEqualTo("vip");
  }

  @Test
  void withoutHerTeamAFollowUpIsRoutedAsAnyOtherHandoff() throws Exception {
    assertThat(team("agent follow-up", "payment", null)).isEqualTo("support");
    assertThat(team("agent follow-up", "product_inquiry", null)).isEqualTo("sales");
  }

  @Test
  void otherReasonsIgnoreTheFollowUpTeam() throws Exception {
    assertThat(team("big deal", "complaint", "support")).isEqualTo("sales");
    assertThat(team("angry customer", "other", "sales")).isEqualTo("support");
    assertThat(team("customer asked for a human", "other", "support")).isEqualTo("sales");
  }

  @Test
  void aComplaintKeepingItsQuestionsTopicIsSupportsAsAComplaintIs() throws Exception {
    // "72,999 for an iPhone?? you people are thieves": intent product_inquiry, reason complaint
    assertThat(team("complaint", "product_inquiry", null)).isEqualTo("support");
    assertThat(team("complaint", "complaint", null)).isEqualTo("support");
    assertThat(team("angry customer", "availability", null)).isEqualTo("support");
    // a person wanted in words no rule names: sales, unless the question is after-sales
    assertThat(team("needs a person", "product_inquiry", null)).isEqualTo("sales");
    assertThat(team("needs a person", "order_status", null)).isEqualTo("support");
  }

  @Test
  void aChangeToAPlacedOrderIsSupportsWhateverTheIntentReadAlongside() throws Exception {
    assertThat(team("order change ORD-12007: \"a8ayar el address\"", "order_status", null))
        .isEqualTo("support");
    assertThat(team("order change ORD-12006: \"make it 1\"", "order", null)).isEqualTo("support");
  }
}
