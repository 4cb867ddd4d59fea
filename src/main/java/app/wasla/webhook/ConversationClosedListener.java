package app.wasla.webhook;

import java.util.ArrayList;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Emits {@code conversation.closed} when a conversation instance ends, in the engine's transaction.
 * Added to every process by a parse listener, like the mailbox's wait-state listener. A flow that the conversation
 * calls (order-and-pay, booking, tracking) shares its business key but is not the conversation: its end is not one.
 */
@Component
class ConversationClosedListener extends AbstractProcessEnginePlugin implements ExecutionListener {

  private final ObjectProvider<WebhookEvents> events;

  ConversationClosedListener(ObjectProvider<WebhookEvents> events) {
    this.events = events;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String key = execution.getProcessBusinessKey();
    // only the instance itself ending, with a conversation key as business key, and not called by another
    if (key == null || !key.contains(":") || !execution.getId().equals(execution.getProcessInstanceId())
        || execution.getSuperExecution() != null) {
      return;
    }
    events.getObject().publish(EventTypes.CONVERSATION_CLOSED, key, Map.of(
        "processInstanceId", execution.getProcessInstanceId(),
        "processDefinitionId", execution.getProcessDefinitionId()));
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
        definition.addListener(ExecutionListener.EVENTNAME_END, ConversationClosedListener.this);
      }
    });
  }
}
