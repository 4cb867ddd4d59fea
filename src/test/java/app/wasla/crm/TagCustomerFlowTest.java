package app.wasla.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.wasla.conversation.ConversationKey;
import app.wasla.support.FlowTest;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code ${tagCustomer}}, as the element template "Tag the customer" sets it up: the conversation's
 * customer carries the tag (as an agent's, named after the flow), an expression in it is filled in,
 * and a tag that is not one is refused with a sentence.
 */
@FlowTest
class TagCustomerFlowTest {

  @Autowired ProcessEngine engine;
  @Autowired CustomerMemory customers;

  private String key;

  @BeforeEach
  void aCustomerWrote() {
    key = "100000000000001:2013" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    customers.delivered(ConversationKey.parse(key), "Mariam", "hi", Instant.now());
    deploy("tag-flow");
  }

  @Test
  void theFlowsTagStaysOnTheCustomerAsAnAgentsWould() {
    engine
        .getRuntimeService()
        .startProcessInstanceByKey("tag-flow", key, Map.of("tier", "Gold Tier"));

    assertThat(customers.find(key).orElseThrow().tags())
        .anySatisfy(
            tag -> {
              assertThat(tag.name()).isEqualTo("gold_tier");
              assertThat(tag.source()).isEqualTo("MANUAL");
              assertThat(tag.by()).isEqualTo("flow tag-flow");
            });
  }

  @Test
  void aTagThatIsNotOneIsRefused() {
    assertThatThrownBy(
            () ->
                engine
                    .getRuntimeService()
                    .startProcessInstanceByKey("tag-flow", key, Map.of("tier", "gold; vip")))
        .hasMessageContaining("a tag is 1 to 64 letters");
    assertThat(customers.find(key).orElseThrow().tags()).isEmpty();
  }

  private void deploy(String id) {
    engine
        .getRepositoryService()
        .createDeployment()
        .name(id)
        .enableDuplicateFiltering(true)
        .addModelInstance(
            id + ".bpmn",
            Bpmn.createExecutableProcess(id)
                .camundaHistoryTimeToLive(1)
                .startEvent("start")
                .serviceTask("serviceTask_tag")
                .camundaDelegateExpression("${tagCustomer}")
                .camundaInputParameter("tag", "${tier}")
                .endEvent("end")
                .done())
        .deploy();
  }
}
