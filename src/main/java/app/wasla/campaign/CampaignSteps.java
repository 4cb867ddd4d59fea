package app.wasla.campaign;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The service tasks of processes/campaign.bpmn: thin, each one call to {@link Campaigns}. */
final class CampaignSteps {

  private CampaignSteps() {}

  private static String campaignId(DelegateExecution execution) {
    return (String) execution.getVariable(CampaignProcess.CAMPAIGN_ID);
  }

  /** {@code ${selectAudience}}: "Select the audience", at the campaign's start time. */
  @Component("selectAudience")
  static class SelectAudience implements JavaDelegate {
    private final Campaigns campaigns;

    SelectAudience(Campaigns campaigns) {
      this.campaigns = campaigns;
    }

    @Override
    public void execute(DelegateExecution execution) {
      campaigns.selectAudience(campaignId(execution));
      execution.setVariable(CampaignProcess.STAGE, Campaign.Stage.INITIAL.name());
    }
  }

  /** {@code ${remindUnread}}: "Remind who has not read". */
  @Component("remindUnread")
  static class RemindUnread implements JavaDelegate {
    private final Campaigns campaigns;
    private final CampaignResults results;

    RemindUnread(Campaigns campaigns, CampaignResults results) {
      this.campaigns = campaigns;
      this.results = results;
    }

    @Override
    public void execute(DelegateExecution execution) {
      campaigns.selectReminder(campaignId(execution), results);
      execution.setVariable(CampaignProcess.STAGE, Campaign.Stage.REMINDER.name());
    }
  }

  /** {@code ${closeCampaign}}: "Close the campaign". */
  @Component("closeCampaign")
  static class CloseCampaign implements JavaDelegate {
    private final Campaigns campaigns;
    private final CampaignResults results;

    CloseCampaign(Campaigns campaigns, CampaignResults results) {
      this.campaigns = campaigns;
      this.results = results;
    }

    @Override
    public void execute(DelegateExecution execution) {
      campaigns.close(campaignId(execution), results);
    }
  }
}
