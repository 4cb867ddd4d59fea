package app.wasla.commerce.flow;

import app.wasla.commerce.smartinfo.CustomerSummaries;
import app.wasla.conversation.MailboxProperties;
import app.wasla.engine.EngineSettings;
import app.wasla.engine.EngineSetup;
import app.wasla.persona.PersonaProperties;
import java.util.HashSet;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Where a customer's turn leaves the mailbox's transaction for a job: decided by configuration as
 * the conversation flows are deployed, not drawn in them. In the flows the mailbox starts ({@code
 * wasla.mailbox.flow} and {@code wasla.mailbox.flows}), a job goes before
 *
 * <ul>
 *   <li>every {@code ${personaReply}} task when the persona calls a server ({@code
 *       wasla.persona.provider} other than {@code embedded}: an LLM may take seconds, and the
 *       mailbox must not hold the conversation meanwhile), and
 *   <li>every {@code ${loadSmartInfo}} task when Smart Info comes over HTTP (the business's
 *       backend).
 * </ul>
 *
 * With the embedded persona and Wasla's own commerce tables nothing in a turn calls out: no job, a
 * turn is one transaction (correlation, reading, reply, inbox rows marked delivered). A turn that
 * fails in that transaction is retried by the mailbox, and one that keeps failing is an incident
 * where its conversation waits ({@code conversation/Mailbox}); a turn that fails in a job ends in
 * the job's own incident.
 */
@Component
public class TurnBoundaries implements EngineSetup {

  static final String PERSONA_STEP = "${personaReply}";
  static final String SMART_INFO_STEP = "${loadSmartInfo}";

  private final Set<String> conversationFlows;
  private final boolean personaCallsOut;
  private final ObjectProvider<CustomerSummaries> smartInfo;

  TurnBoundaries(
      MailboxProperties mailbox,
      PersonaProperties persona,
      ObjectProvider<CustomerSummaries> smartInfo) {
    Set<String> flows = new HashSet<>(mailbox.flows().values());
    flows.add(mailbox.flow());
    this.conversationFlows = Set.copyOf(flows);
    this.personaCallsOut = !"embedded".equalsIgnoreCase(persona.provider());
    this.smartInfo = smartInfo;
  }

  @Override
  public void beforeInit(EngineSettings settings) {
    settings.addAsyncBefore(this::inAJob);
  }

  /** True when the task calls out over the network in a conversation flow. */
  boolean inAJob(String processKey, String delegateExpression) {
    if (delegateExpression == null || !conversationFlows.contains(processKey)) {
      return false;
    }
    return switch (delegateExpression.strip()) {
      case PERSONA_STEP -> personaCallsOut;
      // read when the flow is deployed, after the context has made the backend
      case SMART_INFO_STEP -> !smartInfo.getObject().local();
      default -> false;
    };
  }
}
