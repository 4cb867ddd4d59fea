package app.wasla.conversation;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The extension properties ({@code camunda:property}, "Extensions" in Camunda Modeler) of the
 * activity an execution stands at: settings an analyst gives a task in the model. Read from the
 * deployed model once per process definition and activity. Unlike an input parameter they cost
 * nothing at run time: an input parameter makes the activity a scope, which the engine pays for
 * with an execution and a variable, inserted and deleted on every pass.
 */
public final class ActivityProperties {

  private static final Map<String, Map<String, String>> CACHE = new ConcurrentHashMap<>();

  private ActivityProperties() {}

  /**
   * The property's value at the execution's current activity; null when the activity does not set
   * it.
   */
  public static String get(DelegateExecution execution, String name) {
    String key = execution.getProcessDefinitionId() + '/' + execution.getCurrentActivityId();
    return CACHE.computeIfAbsent(key, k -> of(execution.getBpmnModelElementInstance())).get(name);
  }

  /** True when the current activity sets the property to {@code true}. */
  public static boolean isTrue(DelegateExecution execution, String name) {
    return "true".equalsIgnoreCase(get(execution, name));
  }

  /**
   * The extension properties of a model element (none when it is not a BPMN element or sets none).
   */
  static Map<String, String> of(ModelElementInstance element) {
    Map<String, String> properties = new HashMap<>();
    if (element instanceof BaseElement base) {
      ExtensionElements extensions = base.getExtensionElements();
      if (extensions != null) {
        for (CamundaProperties group :
            extensions.getElementsQuery().filterByType(CamundaProperties.class).list()) {
          for (CamundaProperty property : group.getCamundaProperties()) {
            if (property.getCamundaName() != null) {
              properties.put(property.getCamundaName(), property.getCamundaValue());
            }
          }
        }
      }
    }
    return Map.copyOf(properties);
  }
}
