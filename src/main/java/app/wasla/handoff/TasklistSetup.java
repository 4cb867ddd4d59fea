package app.wasla.handoff;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * Tasklist's filters for agents, created at start-up when missing: my handoffs, each team's queue, and
 * overdue handoffs. Every user may read them; what each one lists is still limited by task authorizations.
 */
@Component
class TasklistSetup extends AbstractProcessEnginePlugin {

  private final HandoffProperties props;

  TasklistSetup(HandoffProperties props) {
    this.props = props;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    FilterService filters = engine.getFilterService();
    TaskQuery handoffs = engine.getTaskService().createTaskQuery().taskDefinitionKey(HandoffRouter.HANDOFF_TASK);
    create(engine, filters, "My handoffs", -10, "Handoffs assigned to me",
        engine.getTaskService().createTaskQuery().taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
            .taskAssigneeExpression("${currentUser()}"));
    create(engine, filters, "Sales queue", 0, "Sales handoffs waiting for an agent",
        engine.getTaskService().createTaskQuery().taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
            .taskCandidateGroup("sales").taskUnassigned());
    create(engine, filters, "Support queue", 1, "Support handoffs waiting for an agent",
        engine.getTaskService().createTaskQuery().taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
            .taskCandidateGroup("support").taskUnassigned());
    create(engine, filters, "Overdue handoffs", 2, "Handoffs past their first-response deadline",
        engine.getTaskService().createTaskQuery().taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
            .dueBeforeExpression("${now()}"));
    create(engine, filters, "All handoffs", 3, "Every open handoff I may see", handoffs);
  }

  private static void create(ProcessEngine engine, FilterService filters, String name, int priority,
      String description, TaskQuery query) {
    if (filters.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Filter filter = filters.newTaskFilter(name)
        .setQuery(query)
        .setProperties(Map.of(
            "priority", priority,
            "description", description,
            "refresh", true,
            "variables", List.of(
                Map.of("name", "customerName", "label", "Customer"),
                Map.of("name", "intent", "label", "Intent"),
                Map.of("name", "handoffReason", "label", "Why"))));
    filters.saveFilter(filter);
    AuthorizationService authorizations = engine.getAuthorizationService();
    Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
    read.setResource(Resources.FILTER);
    read.setResourceId(filter.getId());
    read.addPermission(Permissions.READ);
    authorizations.saveAuthorization(read);
  }
}
