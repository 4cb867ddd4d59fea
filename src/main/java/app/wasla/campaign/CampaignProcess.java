package app.wasla.campaign;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The campaign's process ({@code processes/campaign.bpmn}): the one place that starts it and
 * correlates its messages. Instances have no business key, so the mailbox never takes one for a
 * conversation; each is found by the id the campaign row keeps.
 */
@Component
class CampaignProcess {

  static final String PROCESS = "campaign";

  /** Process variables. */
  static final String CAMPAIGN_ID = "campaignId";

  static final String START_AT = "startAt";
  static final String REMIND = "remind";
  static final String REMINDER_AFTER = "reminderAfter";
  static final String STAGE = "stage";

  /** Messages. */
  static final String AUDIENCE_SENT = "CampaignAudienceSent";

  static final String PAUSED = "CampaignPaused";
  static final String RESUMED = "CampaignResumed";
  static final String CANCELLED = "CampaignCancelled";

  /** Where a campaign paused before its start time waits to be resumed. */
  static final String PAUSED_BEFORE_START = "receiveTask_pausedBeforeStart";

  private final RuntimeService runtime;

  CampaignProcess(RuntimeService runtime) {
    this.runtime = runtime;
  }

  /** Starts the campaign's instance; it waits for the start time, then selects the audience. */
  String start(Campaign campaign, Instant startAt) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(CAMPAIGN_ID, campaign.id());
    variables.put(START_AT, Date.from(startAt));
    variables.put(REMIND, campaign.reminds());
    variables.put(
        REMINDER_AFTER, campaign.reminds() ? campaign.reminderAfter().toString() : "PT0S");
    variables.put(STAGE, Campaign.Stage.INITIAL.name());
    return runtime.startProcessInstanceByKey(PROCESS, variables).getId();
  }

  /** True while the campaign, paused before its start time, waits to be resumed. */
  boolean pausedBeforeStart(String processInstanceId) {
    return runtime
            .createExecutionQuery()
            .processInstanceId(processInstanceId)
            .activityId(PAUSED_BEFORE_START)
            .count()
        > 0;
  }

  /**
   * Correlates a message to the campaign's instance in the caller's transaction; false when the
   * instance is not waiting for it (it is between two steps: asking again shortly works).
   */
  boolean correlate(String processInstanceId, String message) {
    try {
      runtime
          .createMessageCorrelation(message)
          .processInstanceId(processInstanceId)
          .correlateWithResult();
      return true;
    } catch (MismatchingMessageCorrelationException notWaiting) {
      return false;
    }
  }
}
