package app.wasla.system;

import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricVariableInstanceEntity;

/**
 * A variable's history row that the engine updates without having read it ({@link VariableHistoryUpdates}). Camunda
 * names the update statement of an entity after its class: this one's is {@link #UPDATE_STATEMENT}, the columns of
 * Camunda's own {@code updateHistoricVariableInstance} but for the byte array's, found by id alone instead of by id and
 * the revision read.
 */
class UnreadHistoricVariableInstanceEntity extends HistoricVariableInstanceEntity {

  private static final long serialVersionUID = 1L;

  static final String UPDATE_STATEMENT = "updateUnreadHistoricVariableInstance";

  UnreadHistoricVariableInstanceEntity(HistoricVariableUpdateEventEntity event) {
    super(event);
  }

  /** The statement's SQL, in MyBatis's notation, for the engine's table prefix. */
  static String updateSql(String tablePrefix) {
    return "update " + tablePrefix + "ACT_HI_VARINST set REV_ = REV_ + 1,"
        + " VAR_TYPE_ = #{serializerName, jdbcType=VARCHAR},"
        + " PROC_DEF_ID_ = #{processDefinitionId, jdbcType=VARCHAR},"
        + " PROC_DEF_KEY_ = #{processDefinitionKey, jdbcType=VARCHAR},"
        + " DOUBLE_ = #{doubleValue, jdbcType=DOUBLE},"
        + " LONG_ = #{longValue, jdbcType=BIGINT},"
        + " TEXT_ = #{textValue, jdbcType=VARCHAR},"
        + " TEXT2_ = #{textValue2, jdbcType=VARCHAR},"
        + " STATE_ = #{state, jdbcType=VARCHAR},"
        + " CASE_DEF_ID_ = #{caseDefinitionId, jdbcType=VARCHAR}"
        + " where ID_ = #{id, jdbcType=VARCHAR}";
  }
}
