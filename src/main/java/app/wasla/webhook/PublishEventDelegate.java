package app.wasla.webhook;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * {@code ${publishEvent}}: a flow emits its own event to the webhook subscribers, in the
 * transaction of the step (a rolled-back job emits nothing). The type comes from the field {@code
 * eventType} or the input variable {@code eventType}; the data is every other input variable of the
 * task (or a map in the field/variable {@code payload}). Prototype scope: Camunda injects fields
 * into the bean on every call, so each call gets its own instance.
 */
@Component("publishEvent")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class PublishEventDelegate implements JavaDelegate {

  public static final String EVENT_TYPE = "eventType";
  public static final String PAYLOAD = "payload";

  private final WebhookEvents events;
  private Expression eventType;
  private Expression payload;

  PublishEventDelegate(WebhookEvents events) {
    this.events = events;
  }

  public void setEventType(Expression eventType) {
    this.eventType = eventType;
  }

  public void setPayload(Expression payload) {
    this.payload = payload;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object type =
        eventType != null ? eventType.getValue(execution) : execution.getVariableLocal(EVENT_TYPE);
    if (type == null) {
      throw new IllegalStateException(
          "${publishEvent} needs an event type: a field or input variable '" + EVENT_TYPE + "'");
    }
    events.publish(
        EventTypes.require(type.toString()), execution.getProcessBusinessKey(), data(execution));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> data(DelegateExecution execution) {
    Object explicit =
        payload != null ? payload.getValue(execution) : execution.getVariableLocal(PAYLOAD);
    if (explicit instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    Map<String, Object> data = new HashMap<>(execution.getVariablesLocal());
    data.remove(EVENT_TYPE);
    data.remove(PAYLOAD);
    data.put("processInstanceId", execution.getProcessInstanceId());
    data.put("activityId", execution.getCurrentActivityId());
    return data;
  }
}
