package app.wasla.persona;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.channel.whatsapp.OutboundMessage.ListMessage;
import app.wasla.channel.whatsapp.OutboundMessage.ReplyButtons;
import app.wasla.conversation.ConversationVariables;
import app.wasla.conversation.FlowMessages;
import app.wasla.conversation.Transcript;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${personaReply}}: the AI persona answers the customer's turn. Writes the turn's reading into the
 * process variables that gateways, DMN tables and forms read (intent, sentiment, language, handoff) and
 * sends the reply through the idempotent outbound path.
 */
@Component("personaReply")
class PersonaReplyDelegate implements JavaDelegate {

  /** How much of the transcript the persona sees. */
  static final int RECENT_LINES = 20;

  private final Persona persona;
  private final FlowMessages messages;
  private final Transcript transcript;

  PersonaReplyDelegate(Persona persona, FlowMessages messages, Transcript transcript) {
    this.persona = persona;
    this.messages = messages;
    this.transcript = transcript;
  }

  @Override
  public void execute(DelegateExecution execution) {
    messages.acknowledgeTurn(execution);
    String key = execution.getProcessBusinessKey();
    String turnText = (String) execution.getVariable(ConversationVariables.TURN_TEXT);
    Object streakValue = execution.getVariable(PersonaVariables.LOW_CONFIDENCE_STREAK);
    int streak = streakValue instanceof Number n ? n.intValue() : 0;
    List<TranscriptLine> recent = transcript.latest(key, RECENT_LINES).stream()
        .map(line -> new TranscriptLine("in".equals(line.direction()), line.text(), line.at()))
        .toList();
    PersonaTurn turn = new PersonaTurn(key,
        turnText == null ? List.of() : Arrays.asList(turnText.split("\n")),
        (String) execution.getVariable(ConversationVariables.REPLY_ID),
        recent, customer(execution), streak);

    PersonaResult result = persona.respond(turn);

    execution.setVariable(PersonaVariables.INTENT, result.intent());
    execution.setVariable(PersonaVariables.INTENT_CONFIDENCE, result.intentConfidence());
    execution.setVariable(PersonaVariables.SENTIMENT, result.sentiment().label());
    execution.setVariable(PersonaVariables.SENTIMENT_SCORE, result.sentiment().score());
    execution.setVariable(PersonaVariables.LANGUAGE, result.language().tag());
    execution.setVariable(PersonaVariables.HANDOFF, result.handoff());
    execution.setVariable(PersonaVariables.HANDOFF_REASON, result.handoffReason());
    execution.setVariable(PersonaVariables.SUMMARY, result.summary());
    execution.setVariable(PersonaVariables.LOW_CONFIDENCE_STREAK, result.lowConfidence() ? streak + 1 : 0);
    messages.send(execution, toWhatsApp(result.reply()));
  }

  /** What the conversation knows of the customer until the CRM provides more: the WhatsApp profile name. */
  private static CustomerContext customer(DelegateExecution execution) {
    Object name = execution.getVariable(ConversationVariables.CUSTOMER_NAME);
    return name instanceof String n && !n.isBlank() ? new CustomerContext(n, null, List.of(), null, 0, null) : null;
  }

  /** Up to three options become reply buttons, more become a list. */
  static OutboundMessage toWhatsApp(PersonaReply reply) {
    List<ReplyOption> options = reply.options() == null ? List.of() : reply.options();
    if (options.isEmpty()) {
      return new OutboundMessage.Text(reply.text(), false);
    }
    // interactive bodies are limited to 1,024 characters
    String body = reply.text().length() <= 1024 ? reply.text() : reply.text().substring(0, 1023) + "…";
    if (options.size() <= 3) {
      return new ReplyButtons(body,
          options.stream().map(o -> new ReplyButtons.Button(o.id(), o.title())).toList(), null, null);
    }
    String button = reply.listButtonText() == null || reply.listButtonText().isBlank()
        ? "Options" : reply.listButtonText();
    List<ListMessage.Row> rows = options.stream().limit(10)
        .map(o -> new ListMessage.Row(o.id(), o.title(), null)).toList();
    return new ListMessage(body, button, List.of(new ListMessage.Section(null, rows)), null, null);
  }
}
