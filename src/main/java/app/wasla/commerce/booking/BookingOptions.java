package app.wasla.commerce.booking;

import java.math.BigDecimal;
import java.util.List;

/** What a customer can book: the bookable services and the branches that take appointments. */
public record BookingOptions(List<Service> services, List<Branch> branches) {

  public static final BookingOptions NONE = new BookingOptions(List.of(), List.of());

  public BookingOptions {
    services = services == null ? List.of() : List.copyOf(services);
    branches = branches == null ? List.of() : List.copyOf(branches);
  }

  public record Service(String code, String nameEn, String nameAr, BigDecimal priceEgp) {}

  /**
   * A branch; where it is (degrees, and its street address in English and Arabic) is optional: a
   * branch with coordinates is sent as a location message when a customer asks where it is.
   */
  public record Branch(
      String code,
      String nameEn,
      String nameAr,
      Double latitude,
      Double longitude,
      String addressEn,
      String addressAr) {

    public Branch(String code, String nameEn, String nameAr) {
      this(code, nameEn, nameAr, null, null, null, null);
    }

    /** Whether the branch's coordinates are known. */
    public boolean located() {
      return latitude != null && longitude != null;
    }
  }

  public Service service(String code) {
    return services.stream().filter(s -> s.code().equals(code)).findFirst().orElse(null);
  }

  public Branch branch(String code) {
    return branches.stream().filter(b -> b.code().equals(code)).findFirst().orElse(null);
  }
}
