package app.wasla.campaign;

/** The campaign is not where the request needs it (pausing a finished one, starting one twice). */
public class CampaignConflictException extends RuntimeException {
  CampaignConflictException(String message) {
    super(message);
  }
}
