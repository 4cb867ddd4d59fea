package app.wasla.campaign;

/** No campaign has this id. */
public class CampaignNotFoundException extends RuntimeException {
  CampaignNotFoundException(String id) {
    super("no campaign " + id);
  }
}
