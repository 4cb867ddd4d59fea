package app.wasla.commerce.booking;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.persona.BranchLocations;
import app.wasla.persona.Language;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The branches' locations as the business's backend gives them ({@code GET /booking-options}, or
 * the demo store's {@code commerce_branch}): name in the customer's language (Arabic for every
 * Arabic variety, else English), street address, coordinates.
 */
@Component
class BackendBranchLocations implements BranchLocations {

  private final Bookings bookings;

  BackendBranchLocations(Bookings bookings) {
    this.bookings = bookings;
  }

  @Override
  public List<OutboundMessage.Location> locations(String city, Language language) {
    boolean arabic = language == Language.AR_EG || language == Language.AR;
    String wanted = city == null ? "" : city.toLowerCase(Locale.ROOT);
    return bookings.options().branches().stream()
        .filter(BookingOptions.Branch::located)
        .filter(
            b ->
                wanted.isEmpty()
                    || (b.nameEn() != null && b.nameEn().toLowerCase(Locale.ROOT).contains(wanted))
                    || (b.addressEn() != null
                        && b.addressEn().toLowerCase(Locale.ROOT).contains(wanted)))
        .map(
            b ->
                new OutboundMessage.Location(
                    b.latitude(),
                    b.longitude(),
                    arabic && b.nameAr() != null ? b.nameAr() : b.nameEn(),
                    arabic && b.addressAr() != null ? b.addressAr() : b.addressEn()))
        .toList();
  }
}
