package app.wasla.persona;

import app.wasla.channel.whatsapp.OutboundMessage;
import java.util.List;

/**
 * Port: where the shop's branches are, as location messages in the customer's language, for the
 * answer to "where is the branch?". The business's backend knows its branches (commerce implements
 * this); without an implementation the answer is its text alone.
 */
public interface BranchLocations {

  /**
   * The located branches in {@code city} ({@code cairo}, {@code alexandria}), or all of them for
   * {@code ""}; a branch without coordinates is left out.
   */
  List<OutboundMessage.Location> locations(String city, Language language);
}
