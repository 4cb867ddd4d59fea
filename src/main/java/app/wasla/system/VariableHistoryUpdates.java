package app.wasla.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricVariableInstanceEntity;

/**
 * Camunda's history handler, but a variable's update reaches its history row without a read first. Camunda reads the
 * row (ACT_HI_VARINST by id) to change it at the flush: for a variable updated in a later turn, one query per update
 * (1.2 per message in the chat mix, 4.5 % of the delivery's CPU, docs/benchmark.md, tuning 47). Here a value
 * without a byte array is written with one UPDATE of the same columns Camunda's own update writes, at once, on the
 * command's connection, so that whatever runs after it in the transaction sees the row as Camunda would have left it.
 * Camunda's way remains for everything else: a row that holds a byte array (a serialized value: it has to go), a row
 * not there, a row this command has loaded or created already (its cached copy would be flushed over this one), and
 * history level {@code full} (which writes a detail row too).
 */
class VariableHistoryUpdates extends DbHistoryEventHandler {

  private static final String UPDATE = """
      UPDATE ACT_HI_VARINST SET REV_ = REV_ + 1, VAR_TYPE_ = ?, PROC_DEF_ID_ = ?, PROC_DEF_KEY_ = ?, DOUBLE_ = ?,
        LONG_ = ?, TEXT_ = ?, TEXT2_ = ?, STATE_ = ?, CASE_DEF_ID_ = ?
      WHERE ID_ = ? AND BYTEARRAY_ID_ IS NULL""";

  @Override
  protected void insertHistoricVariableUpdateEntity(HistoricVariableUpdateEventEntity event) {
    boolean plainUpdate = event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE)
        && event.getByteValue() == null
        && !shouldWriteHistoricDetail(event)
        && getDbEntityManager().getCachedEntity(HistoricVariableInstanceEntity.class,
            event.getVariableInstanceId()) == null;
    if (!plainUpdate || !updatedInPlace(event)) {
      super.insertHistoricVariableUpdateEntity(event);
    }
  }

  /** True when the row was there without a byte array and now holds the event's value. */
  private static boolean updatedInPlace(HistoricVariableUpdateEventEntity event) {
    Connection connection = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
    try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
      update.setString(1, event.getSerializerName());
      update.setString(2, event.getProcessDefinitionId());
      update.setString(3, event.getProcessDefinitionKey());
      if (event.getDoubleValue() == null) {
        update.setNull(4, Types.DOUBLE);
      } else {
        update.setDouble(4, event.getDoubleValue());
      }
      if (event.getLongValue() == null) {
        update.setNull(5, Types.BIGINT);
      } else {
        update.setLong(5, event.getLongValue());
      }
      update.setString(6, event.getTextValue());
      update.setString(7, event.getTextValue2());
      update.setString(8, HistoricVariableInstance.STATE_CREATED);
      update.setString(9, event.getCaseDefinitionId());
      update.setString(10, event.getVariableInstanceId());
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new ProcessEngineException("Could not update the history of variable " + event.getVariableName(), e);
    }
  }
}
