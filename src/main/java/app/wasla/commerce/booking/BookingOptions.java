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

  public record Branch(String code, String nameEn, String nameAr) {}

  public Service service(String code) {
    return services.stream().filter(s -> s.code().equals(code)).findFirst().orElse(null);
  }

  public Branch branch(String code) {
    return branches.stream().filter(b -> b.code().equals(code)).findFirst().orElse(null);
  }
}
