package app.wasla.handoff;

import app.wasla.engine.EngineSetup;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * Tasklist's filters for agents, created at start-up when missing: my handoffs, each team's queue,
 * and overdue handoffs. Every user may read them; what each one lists is still limited by task
 * authorizations.
 */
@Component
class TasklistSetup implements EngineSetup {

  private final HandoffProperties props;

  TasklistSetup(HandoffProperties props) {
    this.props = props;
  }

  @Override
  public void afterBuild(ProcessEngine engine) {
    FilterService filters = engine.getFilterService();
    TaskQuery handoffs =
        engine.getTaskService().createTaskQuery().taskDefinitionKey(HandoffRouter.HANDOFF_TASK);
    create(
        engine,
        filters,
        "My handoffs",
        -10,
        "Handoffs assigned to me",
        engine
            .getTaskService()
            .createTaskQuery()
            .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
            .taskAssigneeExpression("${currentUser()}"));
    create(
        engine,
        filters,
        "Sales queue",
        0,
        "Sales handoffs waiting for an agent",
        engine
            .getTaskService()
            .createTaskQuery()
            .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
            .taskCandidateGroup("sales")
            .taskUnassigned());
    create(
        engine,
        filters,
        "Support queue",
        1,
        "Support handoffs waiting for an agent",
        engine
            .getTaskService()
            .createTaskQuery()
            .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
            .taskCandidateGroup("support")
            .taskUnassigned());
    create(
        engine,
        filters,
        "Overdue handoffs",
        2,
        "Handoffs past their first-response deadline",
        engine
            .getTaskService()
            .createTaskQuery()
            .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
            .dueBeforeExpression("${now()}"));
    create(engine, filters, "All handoffs", 3, "Every open handoff I may see", handoffs);
  }

  /**
   * The columns of every handoff filter. Task-local variables: a filter shows the variables its
   * user may read, and agents may read their teams' tasks but not the conversations' process
   * instances (authorizations are on), so process variables such as {@code customerName} would stay
   * blank for them.
   */
  static final List<Map<String, String>> COLUMNS =
      List.of(
          Map.of("name", HandoffTaskListener.COLUMN_CUSTOMER, "label", "Customer"),
          Map.of("name", HandoffTaskListener.COLUMN_INTENT, "label", "Intent"),
          Map.of("name", HandoffTaskListener.COLUMN_WHY, "label", "Why"),
          Map.of("name", HandoffTaskListener.OWNER_NAME, "label", "Owner"));

  private static void create(
      ProcessEngine engine,
      FilterService filters,
      String name,
      int priority,
      String description,
      TaskQuery query) {
    Filter existing = filters.createFilterQuery().filterName(name).singleResult();
    if (existing != null) {
      // an older Wasla created it: bring its columns up to date, keep what an admin changed
      // otherwise
      Map<String, Object> properties = new java.util.HashMap<>(existing.getProperties());
      if (!COLUMNS.equals(properties.get("variables"))) {
        properties.put("variables", COLUMNS);
        filters.saveFilter(existing.setProperties(properties));
      }
      return;
    }
    Filter filter =
        filters
            .newTaskFilter(name)
            .setQuery(query)
            .setProperties(
                Map.of(
                    "priority", priority,
                    "description", description,
                    "refresh", true,
                    "variables", COLUMNS));
    filters.saveFilter(filter);
    AuthorizationService authorizations = engine.getAuthorizationService();
    Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
    read.setResource(Resources.FILTER);
    read.setResourceId(filter.getId());
    read.addPermission(Permissions.READ);
    authorizations.saveAuthorization(read);
  }
}
