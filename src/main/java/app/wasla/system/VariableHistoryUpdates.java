package app.wasla.system;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.Map;
import org.apache.ibatis.builder.SqlSourceBuilder;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.SqlCommandType;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricVariableInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camunda's history handler, but a variable's update reaches its history row without a read of the row first. Camunda
 * reads the row (ACT_HI_VARINST by id, a round trip of its own) to change it at the flush: for a variable updated in a
 * later turn, one query per update (1.2 per message in the chat mix). Here such an update joins the flush's batch as
 * an update by id of the columns Camunda's own update writes ({@link UnreadHistoricVariableInstanceEntity};
 * docs/benchmark.md; writing it at once, a round trip of its own, gained nothing).
 *
 * <p>Only where nothing needs the row's old state: the runtime variable, as this command loaded it, held no byte array
 * (then neither does its history row, written with it) and the new value holds none. Camunda's way remains for
 * everything else: a byte array before or after (the old one has to go), a row this command has read or created
 * already, a runtime variable not loaded in this command, and history level {@code full} (a detail row too).
 */
class VariableHistoryUpdates extends DbHistoryEventHandler {

  private static final Logger log = LoggerFactory.getLogger(VariableHistoryUpdates.class);

  /** The state of an entity as the command loaded it (Camunda keeps it to find what changed; no getter). */
  private static final VarHandle LOADED_STATE = loadedState();

  /** Set once the engine's MyBatis mapping has the update statement; until then, Camunda's way for every update. */
  private volatile boolean enabled;

  /**
   * Adds the update statement of {@link UnreadHistoricVariableInstanceEntity} to the engine's MyBatis mapping, after
   * the engine built it; without it (or the loaded state) this handler stays Camunda's.
   */
  void registerWith(ProcessEngineConfigurationImpl engine) {
    if (LOADED_STATE == null || engine.getSqlSessionFactory() == null) {
      return;
    }
    org.apache.ibatis.session.Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
    synchronized (mybatis) {
      // engines that share one MyBatis configuration (useSharedSqlSessionFactory) share the statement too
      if (!mybatis.hasStatement(UnreadHistoricVariableInstanceEntity.UPDATE_STATEMENT, false)) {
        String prefix = engine.getDatabaseTablePrefix() == null ? "" : engine.getDatabaseTablePrefix();
        mybatis.addMappedStatement(new MappedStatement.Builder(mybatis,
            UnreadHistoricVariableInstanceEntity.UPDATE_STATEMENT,
            new SqlSourceBuilder(mybatis).parse(UnreadHistoricVariableInstanceEntity.updateSql(prefix),
                UnreadHistoricVariableInstanceEntity.class, new HashMap<>()),
            SqlCommandType.UPDATE).build());
      }
    }
    enabled = true;
  }

  @Override
  protected void insertHistoricVariableUpdateEntity(HistoricVariableUpdateEventEntity event) {
    if (!enabled) {
      super.insertHistoricVariableUpdateEntity(event);
      return;
    }
    DbEntityManager entities = getDbEntityManager();
    String id = event.getVariableInstanceId();
    UnreadHistoricVariableInstanceEntity unread =
        entities.getCachedEntity(UnreadHistoricVariableInstanceEntity.class, id);
    if (unread != null) {
      // updated unread earlier in this command: this event supersedes that update, or marks it deleted
      if (isPlainUpdate(event)) {
        unread.updateFromEvent(event);
        return;
      }
      if (event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_DELETE) && !shouldWriteHistoricDetail(event)) {
        unread.setState(HistoricVariableInstance.STATE_DELETED);
        return;
      }
      entities.getDbEntityCache().remove(unread);
    } else if (isPlainUpdate(event) && entities.getCachedEntity(HistoricVariableInstanceEntity.class, id) == null
        && loadedWithoutByteArray(entities, id)) {
      entities.merge(new UnreadHistoricVariableInstanceEntity(event));
      return;
    }
    super.insertHistoricVariableUpdateEntity(event);
  }

  /** An update to a value without a byte array, at a history level that writes no detail row. */
  private boolean isPlainUpdate(HistoricVariableUpdateEventEntity event) {
    return event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE) && event.getByteValue() == null
        && !shouldWriteHistoricDetail(event);
  }

  /** True when this command loaded the runtime variable from the database and it held no byte array then. */
  private static boolean loadedWithoutByteArray(DbEntityManager entities, String variableInstanceId) {
    CachedDbEntity cached =
        entities.getDbEntityCache().getCachedEntity(VariableInstanceEntity.class, variableInstanceId);
    Object loaded = cached == null ? null : LOADED_STATE.get(cached);
    return loaded instanceof Map<?, ?> state && state.get("byteArrayValueId") == null;
  }

  private static VarHandle loadedState() {
    try {
      return MethodHandles.privateLookupIn(CachedDbEntity.class, MethodHandles.lookup())
          .findVarHandle(CachedDbEntity.class, "copy", Object.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn("Camunda's entity cache has changed: variable history updates read their rows first, as Camunda's do");
      return null;
    }
  }
}
