package app.wasla.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.Inbox;
import app.wasla.conversation.Mailbox;
import app.wasla.conversation.NewInboxEntry;
import app.wasla.support.FlowTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code ${sendWhatsApp}}, as the element templates "Send a WhatsApp ..." set it up (input
 * parameters on a service task), on the engine and the real outbox: each kind of message is queued
 * for the conversation's customer in the flow's order, expressions filled in; a template the
 * business does not have is refused with a sentence, and the step's transaction sends nothing.
 */
@FlowTest
class SendWhatsAppFlowTest {

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired Inbox inbox;

  private String key;

  @BeforeEach
  void aCustomerWroteWithinTheLastDay() {
    String waId = "2012" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    key = "100000000000001:" + waId;
    inbox.accept(
        new NewInboxEntry(
            "wamid.send." + waId,
            ConversationKey.parse(key),
            Mailbox.CUSTOMER_MESSAGE,
            "text",
            "hi",
            null,
            null,
            null,
            null,
            "Mariam",
            null,
            null,
            Instant.now(),
            Instant.now(),
            false));
    jdbc.sql(
            "UPDATE conversation SET last_inbound_at = CURRENT_TIMESTAMP WHERE conversation_key = ?")
        .param(key)
        .update();
  }

  @Test
  void everyKindOfMessageIsQueuedInTheFlowsOrder() {
    deploy(
        "send-every-kind",
        Map.of("messageKind", "text", "messageText", "Hello ${customerName}"),
        Map.of("messageKind", "buttons", "messageText", "Shall we?", "messageButtons", "Yes | No"),
        Map.of(
            "messageKind",
            "list",
            "messageText",
            "Which branch?",
            "listButtonText",
            "Branches",
            "listRows",
            "Nasr City|Maadi|Alexandria"),
        Map.of(
            "messageKind",
            "template",
            "templateName",
            "order_placed",
            "templateLanguage",
            "en",
            "templateParameters",
            "ORD-1|${total}"),
        Map.of(
            "messageKind",
            "image",
            "mediaLink",
            "https://example.com/p.jpg",
            "mediaCaption",
            "The new one"),
        Map.of(
            "messageKind",
            "document",
            "mediaLink",
            "https://example.com/prices.pdf",
            "documentFilename",
            "prices.pdf"),
        Map.of(
            "messageKind",
            "location",
            "latitude",
            "30.0561",
            "longitude",
            "31.33",
            "locationName",
            "Nile Store, Nasr City"));

    engine
        .getRuntimeService()
        .startProcessInstanceByKey(
            "send-every-kind", key, Map.of("customerName", "Mariam", "total", "72999"));

    List<Map<String, Object>> sent =
        jdbc.sql(
                "SELECT message_type, text, body_json FROM outbound_message"
                    + " WHERE conversation_key = ? ORDER BY id")
            .param(key)
            .query()
            .listOfRows();
    assertThat(sent)
        .extracting(row -> row.get("message_type"))
        .containsExactly(
            "text", "interactive", "interactive", "template", "image", "document", "location");
    assertThat(sent.get(0).get("text")).isEqualTo("Hello Mariam");
    assertThat(sent.get(1).get("body_json").toString()).contains("\"Yes\"").contains("\"No\"");
    assertThat(sent.get(2).get("body_json").toString()).contains("Maadi").contains("Branches");
    assertThat(sent.get(3).get("body_json").toString())
        .contains("order_placed")
        .contains("ORD-1")
        .contains("72999");
    assertThat(sent.get(4).get("body_json").toString()).contains("https://example.com/p.jpg");
    assertThat(sent.get(5).get("body_json").toString()).contains("prices.pdf");
    assertThat(sent.get(6).get("body_json").toString()).contains("30.0561");
  }

  @Test
  void aTemplateTheBusinessDoesNotHaveIsRefusedAndNothingIsSent() {
    deploy(
        "send-unknown-template",
        Map.of("messageKind", "text", "messageText", "First"),
        Map.of("messageKind", "template", "templateName", "summer_sale", "templateLanguage", "en"));

    assertThatThrownBy(
            () ->
                engine.getRuntimeService().startProcessInstanceByKey("send-unknown-template", key))
        .hasMessageContaining("unknown template summer_sale")
        .hasMessageContaining("order_placed");
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ?")
                .param(key)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void aTemplateStepGivesItsButtonsParameterAndOneWithoutItIsRefused() throws Exception {
    deploy(
        "send-shipped-template",
        Map.of(
            "messageKind",
            "template",
            "templateName",
            "order_shipped",
            "templateLanguage",
            "en",
            "templateParameters",
            "${orderId}|https://track.example/${orderId}",
            "templateButtons",
            "0=${orderId}"));
    engine
        .getRuntimeService()
        .startProcessInstanceByKey("send-shipped-template", key, Map.of("orderId", "ORD-9"));
    String body =
        jdbc.sql("SELECT body_json FROM outbound_message WHERE conversation_key = ?")
            .param(key)
            .query(String.class)
            .single();
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("buttons"))
        .isEqualTo(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("[{\"index\":0,\"subType\":\"url\",\"text\":\"ORD-9\"}]"));

    deploy(
        "send-shipped-without-button",
        Map.of(
            "messageKind",
            "template",
            "templateName",
            "payment_reminder",
            "templateLanguage",
            "en",
            "templateParameters",
            "ORD-9|120"));
    assertThatThrownBy(
            () ->
                engine
                    .getRuntimeService()
                    .startProcessInstanceByKey("send-shipped-without-button", key))
        .hasMessageContaining(
            "template payment_reminder/en needs a parameter for button 0 (URL \"Pay\")");
  }

  @SafeVarargs
  private void deploy(String id, Map<String, String>... steps) {
    AbstractFlowNodeBuilder<?, ?> flow =
        Bpmn.createExecutableProcess(id).camundaHistoryTimeToLive(1).startEvent("start");
    for (int i = 0; i < steps.length; i++) {
      var task = flow.serviceTask("send_" + i).camundaDelegateExpression("${sendWhatsApp}");
      steps[i].forEach(task::camundaInputParameter);
      flow = task;
    }
    BpmnModelInstance model = flow.endEvent("end").done();
    engine
        .getRepositoryService()
        .createDeployment()
        .name(id)
        .enableDuplicateFiltering(true)
        .addModelInstance(id + ".bpmn", model)
        .deploy();
  }
}
