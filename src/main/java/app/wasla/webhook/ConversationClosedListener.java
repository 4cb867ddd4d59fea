package app.wasla.webhook;

import app.wasla.engine.EngineSettings;
import app.wasla.engine.EngineSetup;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Emits {@code conversation.closed} when a conversation instance ends, in the engine's transaction.
 * Added to every process as it is deployed ({@link EngineSettings#addProcessEndListener}), like the
 * mailbox's wait-state listener. A flow that the conversation calls (order-and-pay, booking,
 * tracking) shares its business key but is not the conversation: its end is not one.
 */
@Component
class ConversationClosedListener implements EngineSetup, ExecutionListener {

  private final ObjectProvider<WebhookEvents> events;

  ConversationClosedListener(ObjectProvider<WebhookEvents> events) {
    this.events = events;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String key = execution.getProcessBusinessKey();
    // only the instance itself ending, with a conversation key as business key, and not called by
    // another
    if (key == null
        || !key.contains(":")
        || !execution.getId().equals(execution.getProcessInstanceId())
        || execution.getSuperExecution() != null) {
      return;
    }
    events
        .getObject()
        .publish(
            EventTypes.CONVERSATION_CLOSED,
            key,
            Map.of(
                "processInstanceId", execution.getProcessInstanceId(),
                "processDefinitionId", execution.getProcessDefinitionId()));
  }

  @Override
  public void beforeInit(EngineSettings settings) {
    settings.addProcessEndListener(this);
  }
}
