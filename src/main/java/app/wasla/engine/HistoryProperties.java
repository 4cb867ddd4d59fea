package app.wasla.engine;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What of Camunda's history Wasla leaves out.
 *
 * @param skipVariables process variables whose values Camunda's history does not record. The
 *     defaults change every turn and are kept in Wasla's own tables already (the inbox, the outbox,
 *     the transcript): the turn's text and ids, the send counter, the persona's running summary.
 *     Recording them cost a history insert at the start and a read and an update per turn each, and
 *     kept a second copy of what customers wrote. The persona's scores (intent confidence,
 *     sentiment score) change almost every turn too; what they led to stays in the history (the
 *     intent, the sentiment label, the handoff and its reason). An empty list records every
 *     variable (Camunda's plain behaviour at the configured history level).
 * @param skipActivityTypes BPMN activity types (as Camunda names them: {@code exclusiveGateway},
 *     {@code parallelGateway}, ...) whose activity instances Camunda's history does not record. The
 *     default, exclusive gateways, are the flows' routing decisions: three of a chat turn's five
 *     activities, each a row with eleven indexes, while the path they chose shows in the activities
 *     that follow them. An empty list records every activity.
 */
@ConfigurationProperties("wasla.history")
public record HistoryProperties(
    @DefaultValue({
          "turnText",
          "turnSeq",
          "lastWamid",
          "replyId",
          "sendSeq",
          "personaSummary",
          "turnRetry",
          "leaveToSalesFlows",
          "intentConfidence",
          "sentimentScore"
        })
        List<String> skipVariables,
    @DefaultValue("exclusiveGateway") List<String> skipActivityTypes) {

  public HistoryProperties {
    skipVariables = skipVariables == null ? List.of() : List.copyOf(skipVariables);
    skipActivityTypes = skipActivityTypes == null ? List.of() : List.copyOf(skipActivityTypes);
  }

  Set<String> skippedVariables() {
    return Set.copyOf(skipVariables);
  }

  Set<String> skippedActivityTypes() {
    return Set.copyOf(skipActivityTypes);
  }
}
